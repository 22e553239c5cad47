import { z } from 'zod';
import { HttpError } from '../../errors';
import { snowflake } from '../../platform/configFields';
import { ErrorAnswer } from '../../platform/errorAnswer';
import { createModuleApi, moduleRoute } from '../../platform/moduleApi';
import { schedulerStore } from './data/schedulerStore';
import { upcoming } from './occurrences';
import { readQuota } from './quota';
import { schedulerServices } from './schedulerServices';

const tags = ['scheduler'];
const errors = { 400: ErrorAnswer, 401: ErrorAnswer, 403: ErrorAnswer, 404: ErrorAnswer };
const ok = <T>(schema: T, description: string) => ({ 200: { description, content: { 'application/json': { schema } } }, ...errors });
const GuildParams = z.object({ guildId: snowflake });

const ReminderBody = z.object({ id: z.number(), channelId: z.string(), userId: z.string(), text: z.string(), dueAt: z.string(), createdAt: z.string() });
const Overview = z.object({
  quota: z.object({ used: z.number(), reserved: z.number(), limit: z.number(), resetsAt: z.string() }),
  upcoming: z.array(z.object({ postId: z.string(), channelId: z.string(), at: z.string() })),
  recent: z.array(z.object({ ref: z.string(), dueAt: z.string(), deliveredAt: z.string(), messageId: z.string().nullable() })),
  timezone: z.string(),
});

const overviewRoute = moduleRoute({
  method: 'get', path: '/overview', tags, requires: 'view', summary: 'The month’s delivery quota (with its reset date), the calendar of the next 30 days’ posts and recent deliveries',
  request: { params: GuildParams }, responses: ok(Overview, 'Quota, calendar and history'),
});
const remindersRoute = moduleRoute({ method: 'get', path: '/reminders', tags, requires: 'view', summary: 'Pending reminders, soonest first', request: { params: GuildParams }, responses: ok(z.object({ reminders: z.array(ReminderBody) }), 'Reminders') });
const deleteRoute = moduleRoute({
  method: 'delete', path: '/reminders/{reminderId}', tags, requires: 'edit', summary: 'Delete a pending reminder',
  request: { params: z.object({ guildId: snowflake, reminderId: z.coerce.number().int().positive() }) }, responses: ok(z.object({ ok: z.literal(true) }), 'Deleted'),
});

/** Routes under `/api/guilds/:guildId/modules/scheduler`. */
export function createSchedulerApi() {
  return createModuleApi()
    .openapi(overviewRoute, async (c) => {
      const s = schedulerServices(await c.var.module(), c.req.valid('param').guildId);
      const now = Date.now();
      const [quota, recent] = await Promise.all([readQuota(s, now), schedulerStore.recentDeliveries(s.db, s.guildId)]);
      const next = upcoming(s.config, now, 30).map((o) => ({ ...o, at: new Date(o.at).toISOString() }));
      return c.json({ quota, upcoming: next, recent, timezone: s.config.timezone }, 200);
    })
    .openapi(remindersRoute, async (c) => {
      const s = schedulerServices(await c.var.module(), c.req.valid('param').guildId);
      return c.json({ reminders: await schedulerStore.pending(s.db, s.guildId) }, 200);
    })
    .openapi(deleteRoute, async (c) => {
      const { guildId, reminderId } = c.req.valid('param');
      const s = schedulerServices(await c.var.module(), guildId);
      if (!(await schedulerStore.deleteReminder(s.db, guildId, reminderId))) throw new HttpError(404, 'No pending reminder with this number', { code: 'NotFound' });
      return c.json({ ok: true as const }, 200);
    });
}

/** The Scheduler routes' type, for the dashboard's typed client. */
export type SchedulerApi = ReturnType<typeof createSchedulerApi>;

import { PermissionFlagsBits as P, Routes } from 'discord-api-types/v10';
import { z } from 'zod';
import { discordCall } from '../../api/discord/botRest';
import { HttpError } from '../../errors';
import { CustomIdSigner } from '../../interactions/CustomIdSigner';
import { snowflake } from '../../platform/configFields';
import { ErrorAnswer } from '../../platform/errorAnswer';
import { createModuleApi, moduleRoute } from '../../platform/moduleApi';
import { ticketStore } from './data/ticketStore';
import { panelMessage } from './ticketMessages';
import { ticketServices } from './ticketServices';

const tags = ['tickets'];
const errors = { 400: ErrorAnswer, 401: ErrorAnswer, 403: ErrorAnswer, 404: ErrorAnswer };
const ok = <T>(schema: T, description: string) => ({ 200: { description, content: { 'application/json': { schema } } }, ...errors });
const GuildParams = z.object({ guildId: snowflake });
const TicketParams = z.object({ guildId: snowflake, ticketId: z.coerce.number().int().positive() });
const TicketBody = z.object({
  id: z.number(), number: z.number(), category: z.string(), channelId: z.string().nullable(), openerId: z.string(), status: z.enum(['open', 'closed']),
  answers: z.array(z.object({ question: z.string(), answer: z.string() })), claimedBy: z.string().nullable(), firstResponderId: z.string().nullable(),
  createdAt: z.string(), firstResponseAt: z.string().nullable(), closedAt: z.string().nullable(), closedBy: z.string().nullable(), closeReason: z.string().nullable(),
});
const Stat = z.object({ key: z.string(), by: z.enum(['category', 'staff']), open: z.number(), closed: z.number(), firstResponseS: z.number().nullable(), resolutionS: z.number().nullable() });

const listRoute = moduleRoute({ method: 'get', path: '/tickets', tags, requires: 'view', summary: 'Tickets, newest first', request: { params: GuildParams }, responses: ok(z.object({ tickets: z.array(TicketBody) }), 'Tickets') });
const statsRoute = moduleRoute({ method: 'get', path: '/stats', tags, requires: 'view', summary: 'Open and closed tickets, mean first-response and resolution times (seconds) per category and per staff member', request: { params: GuildParams }, responses: ok(z.object({ stats: z.array(Stat) }), 'Statistics') });
const transcriptRoute = moduleRoute({
  method: 'get', path: '/tickets/{ticketId}/transcript', tags, requires: 'view', summary: 'The HTML transcript of a closed ticket',
  request: { params: TicketParams }, responses: { 200: { description: 'The transcript page', content: { 'text/html': { schema: z.string() } } }, ...errors },
});
const panelRoute = moduleRoute({
  method: 'post', path: '/panel', tags, requires: 'edit', permission: P.ManageGuild, summary: 'Posts the ticket panel (one button per category) in a channel',
  request: { params: GuildParams, body: { content: { 'application/json': { schema: z.object({ channelId: snowflake }) } } } }, responses: ok(z.object({ messageId: z.string() }), 'The panel posted'),
});

/** Routes under `/api/guilds/:guildId/modules/tickets`. */
export function createTicketsApi() {
  return createModuleApi()
    .openapi(listRoute, async (c) => {
      const s = ticketServices(await c.var.module(), c.req.valid('param').guildId);
      return c.json({ tickets: await ticketStore.list(s.db, s.guildId) }, 200);
    })
    .openapi(statsRoute, async (c) => {
      const s = ticketServices(await c.var.module(), c.req.valid('param').guildId);
      return c.json({ stats: await ticketStore.stats(s.db, s.guildId) }, 200);
    })
    .openapi(transcriptRoute, async (c) => {
      const { guildId, ticketId } = c.req.valid('param');
      const s = ticketServices(await c.var.module(), guildId);
      const html = await ticketStore.transcript(s.db, guildId, ticketId);
      if (!html) throw new HttpError(404, 'No transcript: the ticket does not exist or was never closed', { code: 'NotFound' });
      return c.body(html, 200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'" }) as never;
    })
    .openapi(panelRoute, async (c) => {
      const { guildId } = c.req.valid('param');
      const { channelId } = c.req.valid('json');
      const ctx = await c.var.module();
      const s = ticketServices(ctx, guildId);
      const signer = new CustomIdSigner(ctx.appConfig.SESSION_SECRET);
      const msg = await discordCall<{ id: string }>(async () => s.rest.post(Routes.channelMessages(channelId), { body: await panelMessage(s.config, (p, ...st) => signer.sign(p, st)) }));
      return c.json({ messageId: msg.id }, 200);
    });
}

/** The Tickets routes' type, for the dashboard's typed client. */
export type TicketsApi = ReturnType<typeof createTicketsApi>;

import { PermissionFlagsBits as P } from 'discord-api-types/v10';
import { z } from 'zod';
import { HttpError } from '../../errors';
import { snowflake } from '../../platform/configFields';
import { ErrorAnswer } from '../../platform/errorAnswer';
import { createModuleApi, moduleRoute } from '../../platform/moduleApi';
import { giveawayStore } from './data/giveawayStore';
import { endGiveaway, rerollGiveaway } from './endGiveaway';
import { giveawayServices } from './giveawayServices';

const tags = ['giveaways'];
const errors = { 400: ErrorAnswer, 401: ErrorAnswer, 403: ErrorAnswer, 404: ErrorAnswer, 409: ErrorAnswer };
const ok = <T>(schema: T, description: string) => ({ 200: { description, content: { 'application/json': { schema } } }, ...errors });
const Params = z.object({ guildId: snowflake, giveawayId: z.coerce.number().int().positive() });
const GiveawayBody = z.object({
  id: z.number(), channelId: z.string(), messageId: z.string().nullable(), prize: z.string(), winners: z.number(), requiredRoles: z.array(z.string()),
  bonus: z.array(z.object({ roleId: z.string(), entries: z.number() })), hostId: z.string(), createdAt: z.string(), endsAt: z.string(), endedAt: z.string().nullable(),
  winnerIds: z.array(z.string()).nullable(), entries: z.number(),
});

const listRoute = moduleRoute({ method: 'get', path: '/giveaways', tags, requires: 'view', summary: 'Giveaways, newest first, with their entry counts and winners', request: { params: z.object({ guildId: snowflake }) }, responses: ok(z.object({ giveaways: z.array(GiveawayBody) }), 'Giveaways') });
const endRoute = moduleRoute({ method: 'post', path: '/giveaways/{giveawayId}/end', tags, requires: 'edit', permission: P.ManageGuild, summary: 'End a giveaway now and draw its winners', request: { params: Params }, responses: ok(GiveawayBody, 'The ended giveaway') });
const rerollRoute = moduleRoute({ method: 'post', path: '/giveaways/{giveawayId}/reroll', tags, requires: 'edit', permission: P.ManageGuild, summary: 'Draw one new winner among those who did not win', request: { params: Params }, responses: ok(z.object({ winners: z.array(z.string()) }), 'The new winners') });

/** Routes under `/api/guilds/:guildId/modules/giveaways`. */
export function createGiveawaysApi() {
  return createModuleApi()
    .openapi(listRoute, async (c) => {
      const s = giveawayServices(await c.var.module(), c.req.valid('param').guildId);
      return c.json({ giveaways: await giveawayStore.list(s.db, s.guildId) }, 200);
    })
    .openapi(endRoute, async (c) => {
      const { guildId, giveawayId } = c.req.valid('param');
      const s = giveawayServices(await c.var.module(), guildId);
      if ((await endGiveaway(s, giveawayId, { early: true })) !== 'ended') throw new HttpError(409, 'This giveaway does not exist or has already ended', { code: 'GiveawayEnded' });
      return c.json((await giveawayStore.get(s.db, guildId, giveawayId))!, 200);
    })
    .openapi(rerollRoute, async (c) => {
      const { guildId, giveawayId } = c.req.valid('param');
      const s = giveawayServices(await c.var.module(), guildId);
      return c.json({ winners: await rerollGiveaway(s, giveawayId) }, 200);
    });
}

/** The Giveaways routes' type, for the dashboard's typed client. */
export type GiveawaysApi = ReturnType<typeof createGiveawaysApi>;

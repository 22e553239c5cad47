import { PermissionFlagsBits as P } from 'discord-api-types/v10';
import { z } from 'zod';
import { guildData } from '../../api/discord/guildData';
import { HttpError } from '../../errors';
import { getRedis } from '../../lib/redis';
import { GuildAuthority } from '../../permissions';
import { snowflake } from '../../platform/configFields';
import { ErrorAnswer } from '../../platform/errorAnswer';
import { createModuleApi, moduleRoute } from '../../platform/moduleApi';
import { moduleActorId } from '../../platform/moduleActor';
import { guildHub } from '../../platform/hub/guildHub';
import { economyReads } from './data/economyReads';
import { EconomyError } from './EconomyError';
import { economyServices } from './economyServices';
import { memberFaces } from './memberFaces';
import { adjust } from './operations';

const tags = ['economy'];
const errors = { 400: ErrorAnswer, 401: ErrorAnswer, 403: ErrorAnswer, 404: ErrorAnswer, 409: ErrorAnswer };
const ok = <T>(schema: T, description: string) => ({ 200: { description, content: { 'application/json': { schema } } }, ...errors });
const Currency = z.object({ name: z.string(), symbol: z.string() });
const Face = z.object({ name: z.string(), avatarUrl: z.string().nullable(), left: z.boolean() });
const Line = z.object({ txId: z.number(), kind: z.string(), amount: z.number(), memo: z.string().nullable(), actorId: z.string(), counterpart: z.string().nullable(), createdAt: z.string() });
const MemberParams = z.object({ guildId: snowflake, userId: snowflake });

const leaderboardRoute = moduleRoute({
  method: 'get', path: '/leaderboard', tags, requires: 'view', summary: 'The richest members with their names and avatars',
  request: { params: z.object({ guildId: snowflake }), query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(10) }) },
  responses: ok(z.object({ currency: Currency, entries: z.array(z.object({ userId: z.string(), balance: z.number(), rank: z.number() }).merge(Face)) }), 'Leaderboard'),
});
const memberRoute = moduleRoute({
  method: 'get', path: '/members/{userId}', tags, requires: 'view', summary: 'A member’s balance and latest ledger entries',
  request: { params: MemberParams, query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }) },
  responses: ok(z.object({ currency: Currency, balance: z.number(), entries: z.array(Line), names: z.record(z.string(), z.string()) }), 'Member'),
});
const AdjustBody = z.object({ action: z.enum(['give', 'take']), amount: z.number().int().min(1).max(1_000_000_000), reason: z.string().trim().max(200).optional() });
const adjustRoute = moduleRoute({
  method: 'post', path: '/members/{userId}/adjust', tags, requires: 'edit', permission: P.ManageGuild, summary: 'Give a member money, or take some back (Manage Server; never below zero)',
  request: { params: MemberParams, body: { content: { 'application/json': { schema: AdjustBody } } } },
  responses: ok(z.object({ balance: z.number(), txId: z.number() }), 'The new balance'),
});

/** Routes under `/api/guilds/:guildId/modules/economy`. */
export function createEconomyApi() {
  return createModuleApi()
    .openapi(leaderboardRoute, async (c) => {
      const s = economyServices(await c.var.module(), c.req.valid('param').guildId);
      const top = await economyReads.leaderboard(s.db, s.guildId, c.req.valid('query').limit);
      const faces = await memberFaces(s, top.map((e) => e.userId));
      return c.json({ currency: { name: s.config.currencyName, symbol: s.config.currencySymbol }, entries: top.map((e) => ({ ...e, ...faces[e.userId]! })) }, 200);
    })
    .openapi(memberRoute, async (c) => {
      const { guildId, userId } = c.req.valid('param');
      const s = economyServices(await c.var.module(), guildId);
      const [balance, entries] = await Promise.all([economyReads.balance(s.db, guildId, userId), economyReads.history(s.db, guildId, userId, c.req.valid('query').limit)]);
      const others = [...new Set(entries.flatMap((e) => [e.counterpart, e.actorId]).filter((id): id is string => !!id && !id.startsWith('system:')))];
      const faces = await memberFaces(s, others);
      const names = Object.fromEntries(Object.entries(faces).map(([id, f]) => [id, f.name]));
      return c.json({ currency: { name: s.config.currencyName, symbol: s.config.currencySymbol }, balance, entries, names }, 200);
    })
    .openapi(adjustRoute, async (c) => {
      const { guildId, userId } = c.req.valid('param');
      const body = c.req.valid('json');
      const actorId = moduleActorId(c);
      if (!actorId) throw new HttpError(401, 'Sign in to change a balance', { code: 'Unauthenticated' });
      const s = economyServices(await c.var.module(), guildId);
      const d = { rest: s.rest, redis: getRedis(s.appConfig), guildId };
      const [guild, roles, member, target] = await Promise.all([
        guildData.guild(d), guildData.roles(d), guildData.member(d, actorId).catch(() => null), guildData.member(d, userId).catch(() => null),
      ]);
      const actor = new GuildAuthority({ guildId, ownerId: guild.owner_id, roles }, member ? { userId: actorId, roles: member.roles } : null);
      const state = await guildHub(c.env, guildId).getState();
      if (!state.modules.economy?.enabled) throw new EconomyError('ModuleDisabled', 'The Economy module is off in this server: turn it on first', { moduleId: 'economy' });
      if (!target) throw new HttpError(404, 'That member is not in this server', { code: 'NotFound' });
      const r = await adjust(s, actor, { id: userId, bot: target.user.bot === true }, body.action, body.amount, body.reason ?? null);
      return c.json({ balance: r.balances[userId]!, txId: r.txId }, 200);
    });
}

/** The Economy routes' type, for the dashboard's typed client. */
export type EconomyApi = ReturnType<typeof createEconomyApi>;

import { PermissionFlagsBits as P } from 'discord-api-types/v10';
import { z } from 'zod';
import { botRest } from '../../api/discord/botRest';
import { guildData } from '../../api/discord/guildData';
import { HttpError } from '../../errors';
import { getRedis } from '../../lib/redis';
import { snowflake } from '../../platform/configFields';
import { ErrorAnswer } from '../../platform/errorAnswer';
import { createModuleApi, moduleRoute } from '../../platform/moduleApi';
import { moduleActorId } from '../../platform/moduleActor';
import type { ModuleContext } from '../../platform/ModuleContext';
import { guildHub } from '../../platform/hub/guildHub';
import { adjustXp, importXp } from './adjustXp';
import { levelingConfigSchema } from './config';
import { levelOf } from './curve';
import type { LevelingRead, XpEntry } from './hub/readLeveling';
import { parseXpCsv } from './parseXpCsv';
import { avatarUrl } from './rankCard';
import { rewardIssues } from './rewardIssues';

const tags = ['leveling'];
const errors = { 400: ErrorAnswer, 401: ErrorAnswer, 403: ErrorAnswer, 404: ErrorAnswer, 409: ErrorAnswer, 503: ErrorAnswer };
const ok = <T>(schema: T, description: string) => ({ 200: { description, content: { 'application/json': { schema } } }, ...errors });
const Params = z.object({ guildId: snowflake });
const json = <T>(schema: T) => ({ content: { 'application/json': { schema } } });

const MemberXp = z.object({
  userId: z.string(), name: z.string(), avatarUrl: z.string(), xp: z.number(), level: z.number(), into: z.number(), span: z.number(),
  messages: z.number(), voiceMinutes: z.number(), rank: z.number().nullable(),
});
const Leaderboard = z.object({ entries: z.array(MemberXp), total: z.number(), page: z.number(), pageSize: z.number() });
const CsvBody = z.object({ csv: z.string().min(1).max(5_000_000) });
const Preview = z.object({
  rows: z.array(z.object({ line: z.number(), userId: z.string(), username: z.string().nullable(), xp: z.number(), level: z.number(), currentXp: z.number() })),
  errors: z.array(z.object({ line: z.number(), message: z.string() })),
  /** Members whose XP the import replaces (they have XP now). */
  overwrites: z.number(),
});

const leaderboardRoute = moduleRoute({
  method: 'get', path: '/leaderboard', tags, requires: 'view', summary: 'Members by XP with names, avatars and levels (exact: unflushed XP included)',
  request: { params: Params, query: z.object({ page: z.coerce.number().int().min(0).max(10_000).default(0), size: z.coerce.number().int().min(1).max(100).default(20) }) },
  responses: ok(Leaderboard, 'One page of the leaderboard'),
});
const memberRoute = moduleRoute({ method: 'get', path: '/members/{userId}', tags, requires: 'view', summary: 'A member’s level, XP, progress and rank', request: { params: Params.extend({ userId: snowflake }) }, responses: ok(MemberXp, 'The member') });
const adjustRoute = moduleRoute({
  method: 'post', path: '/members/{userId}/xp', tags, requires: 'edit', permission: P.ManageGuild, summary: 'Give, take or reset a member’s XP (Manage Server, like /xp; level changes apply their rewards at once)',
  request: { params: Params.extend({ userId: snowflake }), body: json(z.object({ op: z.enum(['give', 'take', 'reset']), amount: z.number().int().min(0).max(10_000_000).default(0) })) },
  responses: ok(MemberXp, 'The member after the change'),
});
const previewRoute = moduleRoute({ method: 'post', path: '/import/preview', tags, requires: 'edit', summary: 'Reads a CSV of XP (MEE6’s export shape) without changing anything: the rows, an error per bad line, how many members it overwrites', request: { params: Params, body: json(CsvBody) }, responses: ok(Preview, 'What the import would do') });
const importRoute = moduleRoute({
  method: 'post', path: '/import', tags, requires: 'edit', permission: P.ManageGuild, summary: 'Imports a CSV of XP (Manage Server): every listed member’s XP set to the file’s (refused while a line is bad, or without confirm)',
  request: { params: Params, body: json(CsvBody.extend({ confirm: z.literal(true) })) }, responses: ok(z.object({ imported: z.number() }), 'Imported'),
});
const rewardsRoute = moduleRoute({
  method: 'get', path: '/rewards/check', tags, requires: 'view', summary: 'Reward roles the bot cannot give (missing Manage Roles, role above the bot’s, managed or deleted role)',
  request: { params: Params }, responses: ok(z.object({ issues: z.array(z.object({ roleId: z.string(), level: z.number(), problem: z.string() })) }), 'Problems (empty: all good)'),
});

const flushRoute = moduleRoute({
  method: 'post', path: '/flush', tags, requires: 'edit', summary: 'Moves the XP counted in the guild hub to Postgres now (it happens on its own at aligned times)',
  request: { params: Params }, responses: ok(z.object({ statements: z.number(), pending: z.boolean() }), 'What the flush sent'),
});

/**
 * The bot's REST client of this request: a dashboard request must not queue behind another
 * request's Discord call on a shared client (workerd cancels it as hung).
 */
const requestRest = (ctx: Pick<ModuleContext, 'appConfig'>) => botRest(ctx.appConfig);

type Who = { name: string; avatarUrl: string };

/** Names and avatars of members (the cached member list, then a read per member it lacks). */
async function whoAre(ctx: ModuleContext, guildId: string, ids: string[]): Promise<Map<string, Who>> {
  const d = { rest: requestRest(ctx), redis: getRedis(ctx.appConfig), guildId };
  const list = await guildData.members(d).catch(() => []);
  const byId = new Map(list.map((m) => [m.user.id, m]));
  const out = new Map<string, Who>();
  await Promise.all(ids.map(async (id) => {
    const m = byId.get(id) ?? (await guildData.member(d, id).catch(() => null));
    out.set(id, m ? { name: m.nick ?? m.user.global_name ?? m.user.username, avatarUrl: avatarUrl(m.user) } : { name: `Former member (${id.slice(-4)})`, avatarUrl: avatarUrl({ id }) });
  }));
  return out;
}

const view = (e: XpEntry, who: Who, config: z.infer<typeof levelingConfigSchema>) => {
  const p = levelOf(config, e.xp);
  return { userId: e.userId, ...who, xp: e.xp, level: p.level, into: p.into, span: p.span, messages: e.messages, voiceMinutes: e.voiceMinutes, rank: e.rank };
};

/** Routes under `/api/guilds/:guildId/modules/leveling`. */
export function createLevelingApi() {
  return createModuleApi()
    .openapi(leaderboardRoute, async (c) => {
      const { guildId } = c.req.valid('param');
      const { page, size } = c.req.valid('query');
      const { state, value } = await guildHub(c.env, guildId).readLocal<LevelingRead>('leveling', { offset: page * size, limit: size });
      if (!('entries' in value)) throw new Error('unexpected leveling read');
      const config = levelingConfigSchema.parse(state.modules.leveling?.config ?? {});
      const who = await whoAre(await c.var.module(), guildId, value.entries.map((e) => e.userId));
      return c.json({ entries: value.entries.map((e) => view(e, who.get(e.userId)!, config)), total: value.total, page, pageSize: size }, 200);
    })
    .openapi(memberRoute, async (c) => {
      const { guildId, userId } = c.req.valid('param');
      const { state, value } = await guildHub(c.env, guildId).readLocal<LevelingRead>('leveling', { userId });
      if (!('member' in value)) throw new Error('unexpected leveling read');
      const who = await whoAre(await c.var.module(), guildId, [userId]);
      return c.json(view(value.member, who.get(userId)!, levelingConfigSchema.parse(state.modules.leveling?.config ?? {})), 200);
    })
    .openapi(adjustRoute, async (c) => {
      const { guildId, userId } = c.req.valid('param');
      const { op, amount } = c.req.valid('json');
      const ctx = await c.var.module();
      if (op !== 'reset' && amount < 1) throw new HttpError(400, 'Give or take at least 1 XP', { code: 'ValidationError' });
      const hub = guildHub(c.env, guildId);
      const after = await adjustXp(hub, { guildId, requestId: c.var.requestId, config: ctx.config, plan: ctx.plan, op, userId, amount });
      const who = await whoAre(ctx, guildId, [userId]);
      return c.json(view(after, who.get(userId)!, levelingConfigSchema.parse(ctx.config ?? {})), 200);
    })
    .openapi(previewRoute, async (c) => {
      const { guildId } = c.req.valid('param');
      const { csv } = c.req.valid('json');
      const ctx = await c.var.module();
      const config = levelingConfigSchema.parse(ctx.config ?? {});
      const parsed = parseXpCsv(csv, config);
      const current = await currentXp(c.env, guildId);
      const rows = parsed.rows.map((r) => ({ line: r.line, userId: r.userId, username: r.username, xp: r.xp, level: levelOf(config, r.xp).level, currentXp: current.get(r.userId) ?? 0 }));
      return c.json({ rows, errors: parsed.errors, overwrites: rows.filter((r) => r.currentXp > 0).length }, 200);
    })
    .openapi(importRoute, async (c) => {
      const { guildId } = c.req.valid('param');
      const { csv } = c.req.valid('json');
      const ctx = await c.var.module();
      if (!moduleActorId(c)) throw new HttpError(401, 'Sign in to import XP', { code: 'Unauthenticated' });
      const config = levelingConfigSchema.parse(ctx.config ?? {});
      const parsed = parseXpCsv(csv, config);
      if (parsed.errors.length > 0) throw new HttpError(400, `The file has ${parsed.errors.length} bad line(s): fix them and try again`, { code: 'ImportInvalid', details: { errors: parsed.errors.slice(0, 100) } });
      if (parsed.rows.length === 0) throw new HttpError(400, 'The file lists no member', { code: 'ImportInvalid', details: { errors: [] } });
      await importXp(guildHub(c.env, guildId), { guildId, requestId: c.var.requestId, config: ctx.config, plan: ctx.plan, rows: parsed.rows.map((r) => ({ userId: r.userId, xp: r.xp, ...(r.messages !== undefined && { messages: r.messages }) })) });
      return c.json({ imported: parsed.rows.length }, 200);
    })
    .openapi(flushRoute, async (c) => {
      const report = await guildHub(c.env, c.req.valid('param').guildId).flushNow();
      if (report.failed.includes('leveling')) throw new HttpError(503, 'Postgres did not take the flush: the XP stays in the hub and is retried', { code: 'FlushFailed' });
      return c.json(report.outcomes.leveling ?? { statements: 0, pending: false }, 200);
    })
    .openapi(rewardsRoute, async (c) => {
      const ctx = await c.var.module();
      return c.json({ issues: await rewardIssues({ rest: requestRest(ctx), appConfig: ctx.appConfig }, c.req.valid('param').guildId, levelingConfigSchema.parse(ctx.config ?? {})) }, 200);
    });
}

/** Every member's XP now (the import preview compares). */
async function currentXp(env: Parameters<typeof guildHub>[0], guildId: string): Promise<Map<string, number>> {
  const { value } = await guildHub(env, guildId).readLocal<LevelingRead>('leveling', { all: true });
  return new Map('entries' in value ? value.entries.map((e) => [e.userId, e.xp]) : []);
}

/** The Leveling routes' type, for the dashboard's typed client. */
export type LevelingApi = ReturnType<typeof createLevelingApi>;

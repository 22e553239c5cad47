import { PermissionFlagsBits as P } from 'discord-api-types/v10';
import { z } from 'zod';
import { HttpError } from '../../errors';
import { snowflake } from '../../platform/configFields';
import { ErrorAnswer } from '../../platform/errorAnswer';
import { createModuleApi, moduleRoute } from '../../platform/moduleApi';
import { moduleActorId } from '../../platform/moduleActor';
import type { ModuleContext } from '../../platform/ModuleContext';
import type { LoggingRecent } from '../logging';
import { automodConfigSchema } from './config';
import type { AutomodRead } from './hub/readAutomod';
import { raidEvent, type RaidOp } from './hub/raidOps';
import { testRules, type TestSample } from './rules/testRules';

const tags = ['automod'];
const errors = { 400: ErrorAnswer, 401: ErrorAnswer, 403: ErrorAnswer, 404: ErrorAnswer, 409: ErrorAnswer };
const ok = <T>(schema: T, description: string) => ({ 200: { description, content: { 'application/json': { schema } } }, ...errors });
const json = <T>(schema: T) => ({ content: { 'application/json': { schema } } });
const Params = z.object({ guildId: snowflake });

const Raid = z.object({
  active: z.boolean(), since: z.number().nullable(), lastJoinAt: z.number().nullable(), previousVerification: z.number().nullable(),
  invitesPaused: z.boolean(), actedOn: z.number(), recentJoins: z.number(), pending: z.number(), timedOut: z.number(),
  ended: z.object({ at: z.number(), by: z.string().nullable(), reason: z.enum(['quiet', 'admin']) }).nullable(),
});
const TestBody = z.object({
  config: z.unknown().meta({ description: 'The draft config (validated as the module’s config; nothing is saved)' }),
  texts: z.array(z.string().max(4000)).max(200).default([]).meta({ description: 'Pasted messages (one member’s, in quick succession)' }),
  recent: z.boolean().default(false).meta({ description: 'Also run on the recent messages Logging keeps' }),
  accountAgeDays: z.number().int().min(0).max(3650).default(365).meta({ description: 'Account age of the pasted messages’ author' }),
});
const Catch = z.object({ rule: z.string(), by: z.enum(['discord', 'bot']), action: z.string(), reason: z.string() });
const TestAnswer = z.object({
  results: z.array(z.object({ source: z.enum(['text', 'recent']), text: z.string(), authorId: z.string().nullable(), authorName: z.string().nullable(), caught: z.array(Catch) })),
  recent: z.enum(['used', 'none', 'logging_off']).meta({ description: 'Whether recent messages were available (Logging on, content kept)' }),
});

const raidRoute = moduleRoute({ method: 'get', path: '/raid', tags, requires: 'view', summary: 'Raid mode now: on or off, since when, what it changed, how the last one ended', request: { params: Params }, responses: ok(Raid, 'Raid mode') });
const startRoute = moduleRoute({
  method: 'post', path: '/raid/start', tags, requires: 'edit', permission: P.ManageGuild, summary: 'Starts raid mode now (Manage Server): the same steps as a detected raid, audited',
  request: { params: Params }, responses: ok(Raid, 'Raid mode after'),
});
const endRoute = moduleRoute({
  method: 'post', path: '/raid/end', tags, requires: 'edit', permission: P.ManageGuild, summary: 'Ends raid mode (Manage Server): verification level put back, invites resumed, raid timeouts lifted when asked; audited',
  request: { params: Params, body: json(z.object({ liftTimeouts: z.boolean().default(false) })) }, responses: ok(Raid, 'Raid mode after'),
});
const testRoute = moduleRoute({
  method: 'post', path: '/test', tags, requires: 'edit', summary: 'Dry run: a draft rule set on pasted text and the recent messages Logging keeps: what would be caught, by which rule, with which action (nothing is changed)',
  request: { params: Params, body: json(TestBody) }, responses: ok(TestAnswer, 'What the draft would catch'),
});

function hubOf(ctx: ModuleContext) {
  if (!ctx.hub) throw new HttpError(503, 'The guild hub is not reachable', { code: 'HubUnavailable' });
  return ctx.hub;
}

async function raidNow(ctx: ModuleContext): Promise<z.infer<typeof Raid>> {
  const { value } = await hubOf(ctx).readLocal('automod');
  return (value as AutomodRead).raid;
}

async function raidOp(ctx: ModuleContext, guildId: string, op: RaidOp): Promise<z.infer<typeof Raid>> {
  const { state } = await hubOf(ctx).readLocal('automod');
  if (!state.modules.automod?.enabled) throw new HttpError(409, 'Automod is off in this server', { code: 'ModuleDisabled' });
  await hubOf(ctx).runBatch('automod', [raidEvent(guildId, op, state.modules.automod.config, state.plan)]);
  return raidNow(ctx);
}

/** The Automod routes, under `/api/guilds/:guildId/modules/automod`. */
export function createAutomodApi() {
  return createModuleApi()
    .openapi(raidRoute, async (c) => c.json(await raidNow(await c.var.module()), 200))
    .openapi(startRoute, async (c) => c.json(await raidOp(await c.var.module(), c.req.valid('param').guildId, { op: 'start', actorId: moduleActorId(c) }), 200))
    .openapi(endRoute, async (c) => {
      const { liftTimeouts } = c.req.valid('json');
      return c.json(await raidOp(await c.var.module(), c.req.valid('param').guildId, { op: 'end', actorId: moduleActorId(c), liftTimeouts }), 200);
    })
    .openapi(testRoute, async (c) => {
      const body = c.req.valid('json');
      const parsed = automodConfigSchema.safeParse(body.config ?? {});
      if (!parsed.success) throw new HttpError(400, 'The draft rules are not valid', { code: 'ValidationError', details: { issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) } });
      const samples: (TestSample & { source: 'text' | 'recent' })[] = body.texts.filter((t) => t.trim()).map((text) => ({ text, source: 'text' }));
      let recent: 'used' | 'none' | 'logging_off' = 'none';
      if (body.recent) {
        const { state, value } = await hubOf(await c.var.module()).readLocal('logging', { recent: 200 });
        const kept = (value as LoggingRecent | null)?.recent ?? [];
        recent = !state.modules.logging?.enabled ? 'logging_off' : kept.length ? 'used' : 'none';
        if (state.modules.logging?.enabled) samples.push(...kept.map((m) => ({ text: m.content, id: m.id, authorId: m.authorId, authorName: m.authorName, source: 'recent' as const })));
      }
      const results = testRules(parsed.data, samples, { now: Date.now(), accountAgeDays: body.accountAgeDays });
      return c.json({
        results: results.map(({ caught }, i) => {
          const sample = samples[i]!;
          return { source: sample.source, text: sample.text, authorId: sample.authorId ?? null, authorName: sample.authorName ?? null, caught };
        }),
        recent,
      }, 200);
    });
}

/** The Automod routes' type, for the dashboard's typed client. */
export type AutomodApi = ReturnType<typeof createAutomodApi>;

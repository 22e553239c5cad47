import type { REST } from '@discordjs/rest';
import { guildModules } from '@edge/drizzle/schema';
import { and, eq } from 'drizzle-orm';
import type { Config } from '../../env';
import type { Db } from '../../lib/db';
import { errorFields } from '../../lib/errorFields';
import type { Logger } from '@edge/shared/log';
import type { ModuleJobs } from '../../platform/ModuleContext';
import type { Plan } from '../../platform/ModuleDefinition';
import { banMember } from './actions/banMember';
import { kickMember } from './actions/kickMember';
import { recordCase } from './actions/recordCase';
import { scheduleExpiry } from './actions/scheduleExpiry';
import { timeoutMember } from './actions/timeoutMember';
import { warnMember } from './actions/warnMember';
import { moderationConfigSchema } from './config';
import { botAuthorityOf, guildFacts } from './data/guildFacts';
import type { ModerationServices } from './ModerationServices';

/** What another module hands Moderation to act in a guild as the bot. */
export interface AutomatedContext {
  guildId: string;
  db: Db;
  rest: REST;
  log: Logger;
  appConfig: Config;
  jobs: ModuleJobs;
  plan: Plan;
}

/** An action another module (Automod) asks for: taken by the bot, as a case with source `automod`. */
export interface AutomatedAction {
  action: 'warn' | 'timeout' | 'kick' | 'ban';
  targetId: string;
  reason: string;
  durationSeconds?: number | null;
}

/** The case number of what was done, or why the bot could not act. */
export type AutomatedOutcome = { caseNumber: number } | { error: string };

/** Moderation's services for the guild, with its config as stored (defaults when never configured). */
async function servicesOf(ctx: AutomatedContext): Promise<ModerationServices> {
  const rows = await ctx.db.select({ config: guildModules.config }).from(guildModules).where(and(eq(guildModules.guildId, ctx.guildId), eq(guildModules.moduleId, 'moderation'))).limit(1);
  const parsed = moderationConfigSchema.safeParse(rows[0]?.config ?? {});
  const config = parsed.success ? parsed.data : moderationConfigSchema.parse({});
  // Another module's reason is the rule that fired: never refused for being empty.
  return { guildId: ctx.guildId, db: ctx.db, rest: ctx.rest, jobs: ctx.jobs, log: ctx.log, appConfig: ctx.appConfig, config: { ...config, requireReason: false }, plan: ctx.plan };
}

/**
 * Warns, times out, kicks or bans as the bot, through the same action functions as the slash
 * commands: the bot's permissions and hierarchy are checked, the member gets the DM, the case
 * (source `automod`) goes to the mod-log, timed actions get their expiry job and a warning
 * runs the escalation rules. A refusal is reported, never thrown.
 */
export async function takeAutomatedAction(ctx: AutomatedContext, input: AutomatedAction): Promise<AutomatedOutcome> {
  try {
    const m = await servicesOf(ctx);
    const bot = await botAuthorityOf(m, await guildFacts(m));
    const base = { targetId: input.targetId, reason: input.reason, source: 'automod' as const };
    const done =
      input.action === 'warn' ? await warnMember(m, bot, base)
      : input.action === 'timeout' ? await timeoutMember(m, bot, { ...base, durationSeconds: input.durationSeconds ?? null })
      : input.action === 'kick' ? await kickMember(m, bot, base)
      : await banMember(m, bot, { ...base, durationSeconds: input.durationSeconds ?? null });
    return { caseNumber: done.case.number };
  } catch (err) {
    ctx.log.warn('automated moderation action refused', { guildId: ctx.guildId, action: input.action, ...errorFields(err) });
    return { error: err instanceof Error ? err.message : String(err) };
  }
}

/**
 * Records a timeout Discord already gave (a native AutoMod rule's action) as a case with
 * source `automod`: posted to the mod-log, marked over by its expiry job. No Discord call.
 */
export async function recordAutomatedTimeout(ctx: AutomatedContext, input: { targetId: string; reason: string; durationSeconds: number }): Promise<number> {
  const m = await servicesOf(ctx);
  const expiresAt = new Date(Date.now() + input.durationSeconds * 1000);
  const c = await recordCase(m, { type: 'timeout', actorId: null, targetId: input.targetId, reason: input.reason, durationSeconds: input.durationSeconds, expiresAt, source: 'automod' });
  await scheduleExpiry(m, c);
  return c.number;
}

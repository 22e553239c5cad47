import { sql } from 'drizzle-orm';
import type { BatchHandler, ModuleEvent } from '../../../platform/ModuleDefinition';
import { guildHub } from '../../../platform/hub/guildHub';
import { levelingConfigSchema } from '../config';
import { queryRows, type LevelingDb } from '../db';
import { applyLevelChanges } from '../effects/applyLevelChanges';
import { XpLedger } from '../hub/XpLedger';
import { runXpRules } from './runXpRules';
import { toXpInput, type XpInput } from './toXpInput';

/**
 * The module's `batchHandler`. In the guild's hub (`ctx.local`): the batch's messages and voice
 * changes (and admin changes sent with `hub.runBatch`) are counted into the members' state,
 * journaled in ONE row, then the level changes they caused run (reward roles, announcement)
 * at once. Outside a hub it hands the events to the guild's hub, so counting stays in one place.
 */
export const levelingBatchHandler: BatchHandler = async (events, ctx) => {
  if (!ctx.local) {
    const byGuild = new Map<string, ModuleEvent[]>();
    for (const e of events) (byGuild.get(e.guildId) ?? byGuild.set(e.guildId, []).get(e.guildId)!).push(e);
    await Promise.all([...byGuild].map(([guildId, list]) => guildHub(ctx.env, guildId).runBatch('leveling', list)));
    return;
  }
  const last = events.at(-1);
  if (!last) return;
  const guildId = last.guildId;
  const config = levelingConfigSchema.parse(last.config ?? {});
  const ledger = XpLedger.of(ctx.local);
  if (!ledger.isSeeded()) {
    // A hub whose storage is new (first use, or storage lost): the totals come from Postgres once.
    const rows = await queryRows<{ user_id: string; xp: number; messages: number; voice_minutes: number }>(ctx.db as unknown as LevelingDb, sql`SELECT user_id, xp, messages, voice_minutes FROM leveling_members WHERE guild_id = ${guildId}`);
    ledger.seed(rows.map((r) => ({ userId: r.user_id, xp: Number(r.xp), msgs: Number(r.messages), voiceMin: Number(r.voice_minutes) })));
  }
  const inputs = events.map(toXpInput).filter((x): x is XpInput => x !== null);
  const started = Date.now();
  const res = ledger.count(inputs, (fresh, state) => runXpRules(config, fresh, state));
  ctx.log.info('leveling batch', { events: events.length, fresh: res.fresh, seen: res.seen, stale: res.stale, levelChanges: res.changes.length, ms: Date.now() - started });
  await applyLevelChanges({ guildId, rest: ctx.rest, appConfig: ctx.appConfig, log: ctx.log, report: (item) => ctx.report(guildId, item) }, config, res.changes);
};

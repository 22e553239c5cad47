import type { REST } from '@discordjs/rest';
import { Routes, type APIAutoModerationRule } from 'discord-api-types/v10';
import { discordCall } from '../../../api/discord/botRest';
import type { Logger } from '@edge/shared/log';
import { errorFields } from '../../../lib/errorFields';
import type { AutomodConfig } from '../config';
import { nativeRules, ruleKey, type NativeRule } from './nativeRules';

/** What a sync did in Discord. */
export interface SyncReport {
  created: number;
  updated: number;
  deleted: number;
  /** Refusals (missing Manage Server, Discord's limits), said to the admin. */
  errors: string[];
}

/** What a sync needs. */
export interface SyncDeps {
  rest: REST;
  guildId: string;
  /** The bot's user id (the application id): the creator of our rules. */
  botId: string;
  log: Logger;
}

const REASON = 'Automod: rules kept in sync with the dashboard';

/**
 * Makes the guild's Discord AutoMod rules created by the bot match the config (`null`: none):
 * missing ones are created, changed ones (edited, renamed or disabled in Discord: drift) put
 * back, extra ones deleted. Rules made by others are never touched. Idempotent: a rule
 * already as wanted costs no call beyond the one list.
 */
export async function syncNativeRules(d: SyncDeps, config: AutomodConfig | null): Promise<SyncReport> {
  const report: SyncReport = { created: 0, updated: 0, deleted: 0, errors: [] };
  const wanted = config ? nativeRules(config) : [];
  const existing = (await discordCall<APIAutoModerationRule[]>(() => d.rest.get(Routes.guildAutoModerationRules(d.guildId)))).filter((r) => r.creator_id === d.botId);
  const free = new Map(existing.map((r) => [r.id, r]));
  const pairs: [NativeRule, APIAutoModerationRule | undefined][] = wanted.map((w) => {
    const same = [...free.values()].find((r) => r.name === w.name && r.trigger_type === w.trigger_type);
    if (same) free.delete(same.id);
    return [w, same];
  });
  // A rule renamed in Discord is ours still: reuse one of the same trigger type before creating.
  for (const p of pairs) {
    if (p[1]) continue;
    const renamed = [...free.values()].find((r) => r.trigger_type === p[0].trigger_type);
    if (renamed) {
      free.delete(renamed.id);
      p[1] = renamed;
    }
  }
  const step = async (what: string, fn: () => Promise<unknown>, count: keyof Omit<SyncReport, 'errors'>) => {
    try {
      await discordCall(fn);
      report[count]++;
    } catch (err) {
      d.log.warn('automod native rule sync refused', { guildId: d.guildId, what, ...errorFields(err) });
      report.errors.push(`${what}: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  // Deletions first: Discord counts rules per type, a freed slot may be needed by a creation.
  for (const r of free.values()) await step(`delete “${r.name}”`, () => d.rest.delete(Routes.guildAutoModerationRule(d.guildId, r.id), { reason: REASON }), 'deleted');
  for (const [w, r] of pairs) {
    if (!r) await step(`create “${w.name}”`, () => d.rest.post(Routes.guildAutoModerationRules(d.guildId), { body: w, reason: REASON }), 'created');
    else if (ruleKey(r) !== ruleKey(w)) {
      const { trigger_type: _t, ...patch } = w;
      await step(`restore “${w.name}”`, () => d.rest.patch(Routes.guildAutoModerationRule(d.guildId, r.id), { body: patch, reason: REASON }), 'updated');
    }
  }
  return report;
}

import type { APIAutoModerationRule } from 'discord-api-types/v10';
import type { EventContext } from '../../../platform/ModuleDefinition';
import type { AutomodConfig } from '../config';
import { syncNativeRules } from '../native/syncNativeRules';

/**
 * AUTO_MODERATION_RULE_UPDATE / _DELETE of a rule the bot made: someone changed or deleted it
 * in Discord, so the guild's rules are put back as the config says (drift repaired at once;
 * the hourly cron is the safety net). The bot's own edits come back here too: the sync then
 * finds nothing to do (one list call).
 */
export async function ruleChanged(payload: unknown, ctx: EventContext): Promise<void> {
  const rule = payload as APIAutoModerationRule;
  if (rule.creator_id !== ctx.appConfig.DISCORD_APPLICATION_ID) return;
  const report = await syncNativeRules({ rest: ctx.rest, guildId: ctx.guildId, botId: ctx.appConfig.DISCORD_APPLICATION_ID, log: ctx.log }, ctx.config as AutomodConfig);
  if (report.created + report.updated + report.deleted > 0) {
    ctx.report(ctx.guildId, { module: 'automod', kind: 'automod.drift_repaired', level: 'warn', summary: `Discord AutoMod rules changed outside the dashboard were put back (${report.created} created, ${report.updated} restored, ${report.deleted} removed)`, audit: true });
  }
  if (report.errors.length) ctx.report(ctx.guildId, { module: 'automod', kind: 'automod.sync_refused', level: 'error', summary: report.errors.join('; ').slice(0, 300), audit: true });
}

import { AutoModerationActionType as A, AutoModerationRuleTriggerType as T, type GatewayAutoModerationActionExecutionDispatchData } from 'discord-api-types/v10';
import type { EventContext } from '../../../platform/ModuleDefinition';
import { recordAutomatedTimeout, takeAutomatedAction } from '../../moderation';
import type { AutomodConfig } from '../config';
import type { AutomodDeps } from '../effects/AutomodDeps';
import { clip, LOG_COLORS, postLog } from '../effects/postLog';

const TRIGGERS: Record<number, string> = { [T.Keyword]: 'keywords', [T.Spam]: 'spam content', [T.KeywordPreset]: 'preset word lists', [T.MentionSpam]: 'mention spam', [T.MemberProfile]: 'member name' };

/** The reason said in the case and the log: which kind of rule, and what it matched. */
export function executionReason(e: GatewayAutoModerationActionExecutionDispatchData): string {
  return `Discord AutoMod (${TRIGGERS[e.rule_trigger_type] ?? 'rule'})${e.matched_keyword ? `: matched “${clip(e.matched_keyword, 60)}”` : ''}`;
}

/**
 * AUTO_MODERATION_ACTION_EXECUTION (one per action of a rule that fired, ours or an admin's):
 * a timeout Discord gave becomes a Moderation timeout case; a blocked message is a warning
 * case when the config says so (escalation applies), else logged only; the block and the
 * member-name quarantine are posted to the Automod log channel. Alerts are Discord's own
 * messages already. Once per event (`ctx.once`).
 */
export async function actionExecution(payload: unknown, ctx: EventContext): Promise<void> {
  const e = payload as GatewayAutoModerationActionExecutionDispatchData;
  if (e.action.type === A.SendAlertMessage) return;
  const config = ctx.config as AutomodConfig;
  const d: AutomodDeps = { guildId: ctx.guildId, db: ctx.db, rest: ctx.rest, log: ctx.log, appConfig: ctx.appConfig, jobs: ctx.jobs, plan: ctx.plan, report: (item) => ctx.report(ctx.guildId, item) };
  const reason = executionReason(e);
  await ctx.once(ctx.eventId, 'automod.execution', async () => {
    let done = e.action.type === A.BlockMessage ? 'Message blocked by Discord' : e.action.type === A.BlockMemberInteraction ? 'Member kept from interacting until they change their name' : 'Timed out by Discord';
    if (e.action.type === A.Timeout) {
      const n = await recordAutomatedTimeout(d, { targetId: e.user_id, reason, durationSeconds: e.action.metadata?.duration_seconds ?? 60 });
      done = `Timed out by Discord (case #${n})`;
    } else if (e.action.type === A.BlockMessage && config.native.warnOnBlock) {
      const outcome = await takeAutomatedAction(d, { action: 'warn', targetId: e.user_id, reason });
      done += 'caseNumber' in outcome ? ` · warned (case #${outcome.caseNumber})` : ` · not warned: ${outcome.error}`;
    }
    d.report({ module: 'automod', kind: 'automod.native', level: 'info', summary: `${reason} · ${done}` });
    await postLog(ctx.rest, config.logChannelId, [{
      title: `Discord AutoMod · ${TRIGGERS[e.rule_trigger_type] ?? 'rule'}`,
      color: LOG_COLORS.native,
      description: e.content ? `>>> ${clip(e.content, 900)}` : undefined,
      fields: [
        { name: 'Member', value: `<@${e.user_id}>`, inline: true },
        ...(e.channel_id ? [{ name: 'Channel', value: `<#${e.channel_id}>`, inline: true }] : []),
        ...(e.matched_keyword ? [{ name: 'Matched', value: clip(e.matched_keyword, 200), inline: true }] : []),
        { name: 'Done', value: done },
      ],
    }], ctx.log);
  });
}

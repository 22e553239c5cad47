import type { GuildAuthority } from '../../../permissions';
import { errorFields } from '../../../lib/errorFields';
import { cases, type ModCase } from '../data/cases';
import { botAuthorityOf } from '../data/guildFacts';
import type { ModerationServices } from '../ModerationServices';
import { banMember } from './banMember';
import { kickMember } from './kickMember';
import { timeoutMember } from './timeoutMember';

/** What an escalation did after a warning: its case, or why it could not act. */
export type Escalation = { case: ModCase } | { error: string } | null;

/**
 * After a warning: when the member's warnings within a rule's period reach exactly its count,
 * the bot takes the rule's action as its own case (the strictest rule reached wins). The bot's
 * permissions and hierarchy are checked like anyone's; a refusal is reported, the warning stays.
 * Only the plan's allowed number of rules is applied.
 */
export async function escalate(m: ModerationServices, actor: GuildAuthority, warning: ModCase, maxRules: number): Promise<Escalation> {
  const rules = m.config.escalation.slice(0, maxRules < 0 ? undefined : maxRules);
  if (!rules.length) return null;
  const now = Date.now();
  const counts = await Promise.all(rules.map((r) => cases.count(m.db, m.guildId, { targetId: warning.targetId, type: 'warn', from: new Date(now - r.periodDays * 86_400_000) })));
  const hit = rules.map((r, i) => ({ r, n: counts[i]! })).filter(({ r, n }) => n === r.warnings).sort((a, b) => b.r.warnings - a.r.warnings)[0];
  if (!hit) return null;
  const { r } = hit;
  const input = { targetId: warning.targetId, reason: `Escalation: ${r.warnings} warnings within ${r.periodDays} days (case #${warning.number})`, source: 'system' as const };
  try {
    const bot = await botAuthorityOf(m, actor.guild);
    const done =
      r.action === 'timeout' ? await timeoutMember(m, bot, { ...input, durationSeconds: r.durationSeconds })
      : r.action === 'kick' ? await kickMember(m, bot, input)
      : await banMember(m, bot, input);
    return { case: done.case };
  } catch (err) {
    m.log.warn('moderation escalation refused', { guildId: m.guildId, case: warning.number, ...errorFields(err) });
    return { error: err instanceof Error ? err.message : String(err) };
  }
}

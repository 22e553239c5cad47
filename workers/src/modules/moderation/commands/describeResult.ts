import type { ReplyBody } from '../../../interactions/types';
import { formatDuration } from '../duration';
import type { ActionResult } from '../actions/actionInput';
import type { Escalation } from '../actions/escalate';

const DONE: Record<string, string> = {
  warn: 'Warned', timeout: 'Timed out', untimeout: 'Lifted the timeout of', kick: 'Kicked', ban: 'Banned', unban: 'Unbanned', softban: 'Softbanned',
};

/** The moderator's confirmation of an action (ephemeral; the mod-log is the public record). */
export function describeResult(r: ActionResult & { escalation?: Escalation }): ReplyBody {
  const c = r.case;
  const parts = [
    `✅ Case #${c.number}: ${DONE[c.type]} <@${c.targetId}>`,
    c.durationSeconds ? ` for ${formatDuration(c.durationSeconds)}` : '',
    c.reason ? ` — ${c.reason}` : '',
    ['warn', 'timeout', 'kick', 'ban'].includes(c.type) ? `\n-# ${r.dmSent ? 'They were told by DM.' : 'No DM was delivered.'}` : '',
    r.escalation && 'case' in r.escalation ? `\n⚠️ Escalation: case #${r.escalation.case.number}, ${DONE[r.escalation.case.type]!.toLowerCase()} <@${c.targetId}>${r.escalation.case.durationSeconds ? ` for ${formatDuration(r.escalation.case.durationSeconds)}` : ''}.` : '',
    r.escalation && 'error' in r.escalation ? `\n⚠️ The escalation rule could not act: ${r.escalation.error}` : '',
  ];
  return { content: parts.join(''), allowed_mentions: { parse: [] } };
}

import { HttpError } from '../../../errors';
import type { GuildAuthority } from '../../../permissions';
import type { CaseSource, ModerationServices } from '../ModerationServices';
import type { ActionResult } from './actionInput';
import { requireCase } from './editCaseReason';
import { unbanUser } from './unbanUser';
import { untimeoutMember } from './untimeoutMember';

/**
 * Undoes a timed action still in force: a ban is lifted, a timeout removed, through the same
 * actions (and checks) as `/unban` and a timeout lift. Anything else is 409 `CaseNotUndoable`.
 */
export async function undoCase(m: ModerationServices, actor: GuildAuthority, number: number, source: CaseSource, reason?: string | null): Promise<ActionResult> {
  const c = await requireCase(m, number);
  if (!c.active || (c.type !== 'ban' && c.type !== 'timeout')) {
    throw new HttpError(409, `Case #${number} is not a ban or timeout in force`, { code: 'CaseNotUndoable', details: { number, type: c.type, active: c.active } });
  }
  const input = { targetId: c.targetId, reason: reason ?? `Undo of case #${number}`, source };
  return c.type === 'ban' ? unbanUser(m, actor, input) : untimeoutMember(m, actor, input);
}

import type { MemberActionHandler } from '../../../platform/MemberActions';
import { banMember } from '../actions/banMember';
import { kickMember } from '../actions/kickMember';
import { timeoutMember } from '../actions/timeoutMember';
import { untimeoutMember } from '../actions/untimeoutMember';
import { moderationServices } from '../ModerationServices';
import { userAuthority } from './dashboardActor';

/**
 * The dashboard Members page's kick, ban, timeout and lift while Moderation is on (the platform
 * hands them over: `ModuleDefinition.memberActions`): the same action functions as `/kick`,
 * `/ban`, `/timeout` and the `POST …/moderation/actions` route, so the same checks and refusals,
 * the DM, the case (source `dashboard`), the mod-log post, the expiry job and escalation.
 */
export const moderationMemberActions: MemberActionHandler = async (ctx, req) => {
  const m = moderationServices(ctx);
  const actor = await userAuthority(m, req.actorId);
  const input = { targetId: req.userId, reason: req.reason, source: 'dashboard' as const };
  const result =
    req.action === 'kick' ? await kickMember(m, actor, input)
    : req.action === 'ban' ? await banMember(m, actor, { ...input, deleteMessageSeconds: req.deleteMessageSeconds })
    : req.action === 'timeout' ? await timeoutMember(m, actor, { ...input, durationSeconds: req.durationSeconds })
    : await untimeoutMember(m, actor, input);
  return { caseNumber: result.case.number };
};

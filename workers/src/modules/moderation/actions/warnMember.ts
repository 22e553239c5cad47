import { PermissionFlagsBits as P } from 'discord-api-types/v10';
import type { GuildAuthority } from '../../../permissions';
import type { ModerationServices } from '../ModerationServices';
import { actorIdOf, reasonOf, type ActionInput, type ActionResult } from './actionInput';
import { authorize } from './authorize';
import { MODERATION_LIMITS } from '../limits';
import { escalate, type Escalation } from './escalate';
import { notifyMember } from './notifyMember';
import { recordCase } from './recordCase';

/**
 * Warns a member: a case and a DM (needs Moderate Members and the hierarchy over them); then the
 * escalation rules may have the bot act too (`escalation`).
 */
export async function warnMember(m: ModerationServices, actor: GuildAuthority, input: ActionInput): Promise<ActionResult & { escalation: Escalation }> {
  const reason = reasonOf(m, input.reason);
  await authorize(m, actor, input.targetId, P.ModerateMembers, { memberRequired: true, botActs: false });
  const dmSent = await notifyMember(m, input.targetId, { type: 'warn', reason });
  const c = await recordCase(m, { type: 'warn', actorId: actorIdOf(actor), targetId: input.targetId, reason, source: input.source });
  const escalation = await escalate(m, actor, c, MODERATION_LIMITS[m.plan].escalationRules ?? -1);
  return { case: c, dmSent, escalation };
}

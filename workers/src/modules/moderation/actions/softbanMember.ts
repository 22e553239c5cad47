import { PermissionFlagsBits as P, Routes } from 'discord-api-types/v10';
import { discordCall } from '../../../api/discord/botRest';
import { HttpError } from '../../../errors';
import type { GuildAuthority } from '../../../permissions';
import type { ModerationServices } from '../ModerationServices';
import { auditReason, actorIdOf, reasonOf, type ActionInput, type ActionResult } from './actionInput';
import { authorize } from './authorize';
import { notifyMember } from './notifyMember';
import { recordCase } from './recordCase';

/**
 * Softban: ban to delete the member's recent messages, then unban at once (a kick that cleans
 * up). Needs Ban Members. If the unban fails the member stays banned and the error says so.
 */
export async function softbanMember(m: ModerationServices, actor: GuildAuthority, input: ActionInput & { deleteMessageDays?: number }): Promise<ActionResult> {
  const reason = reasonOf(m, input.reason);
  const days = input.deleteMessageDays ?? 1;
  if (!Number.isInteger(days) || days < 1 || days > 7) throw new HttpError(400, 'A softban deletes 1 to 7 days of messages', { code: 'ValidationError' });
  await authorize(m, actor, input.targetId, P.BanMembers, { memberRequired: true, botActs: true });
  const dmSent = await notifyMember(m, input.targetId, { type: 'softban', reason });
  const audit = auditReason(actor, reason);
  await discordCall(() => m.rest.put(Routes.guildBan(m.guildId, input.targetId), { body: { delete_message_seconds: days * 86_400 }, reason: `Softban: ${audit}`.slice(0, 512) }));
  await discordCall(() => m.rest.delete(Routes.guildBan(m.guildId, input.targetId), { reason: 'Softban: lifted at once' }));
  const c = await recordCase(m, { type: 'softban', actorId: actorIdOf(actor), targetId: input.targetId, reason, source: input.source });
  return { case: c, dmSent };
}

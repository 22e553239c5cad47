import { PermissionFlagsBits as P, Routes } from 'discord-api-types/v10';
import { discordCall } from '../../../api/discord/botRest';
import type { GuildAuthority } from '../../../permissions';
import type { ModerationServices } from '../ModerationServices';
import { auditReason, actorIdOf, reasonOf, type ActionInput, type ActionResult } from './actionInput';
import { authorize } from './authorize';
import { notifyMember } from './notifyMember';
import { recordCase } from './recordCase';

/** Kicks a member (DM first: afterwards the bot shares no server with them). */
export async function kickMember(m: ModerationServices, actor: GuildAuthority, input: ActionInput): Promise<ActionResult> {
  const reason = reasonOf(m, input.reason);
  await authorize(m, actor, input.targetId, P.KickMembers, { memberRequired: true, botActs: true });
  const dmSent = await notifyMember(m, input.targetId, { type: 'kick', reason });
  await discordCall(() => m.rest.delete(Routes.guildMember(m.guildId, input.targetId), { reason: auditReason(actor, reason) }));
  const c = await recordCase(m, { type: 'kick', actorId: actorIdOf(actor), targetId: input.targetId, reason, source: input.source });
  return { case: c, dmSent };
}

import { PermissionFlagsBits as P, Routes } from 'discord-api-types/v10';
import { discordCall } from '../../../api/discord/botRest';
import type { GuildAuthority } from '../../../permissions';
import { cases } from '../data/cases';
import type { ModerationServices } from '../ModerationServices';
import { auditReason, actorIdOf, reasonOf, type ActionInput, type ActionResult } from './actionInput';
import { authorize } from './authorize';
import { recordCase } from './recordCase';

/** Lifts a member's timeout now; their active timeout cases end. */
export async function untimeoutMember(m: ModerationServices, actor: GuildAuthority, input: ActionInput): Promise<ActionResult> {
  const reason = reasonOf(m, input.reason);
  await authorize(m, actor, input.targetId, P.ModerateMembers, { memberRequired: true, botActs: true });
  await discordCall(() => m.rest.patch(Routes.guildMember(m.guildId, input.targetId), { body: { communication_disabled_until: null }, reason: auditReason(actor, reason) }));
  await cases.lift(m.db, m.guildId, { targetId: input.targetId, type: 'timeout' }, actorIdOf(actor));
  const c = await recordCase(m, { type: 'untimeout', actorId: actorIdOf(actor), targetId: input.targetId, reason, source: input.source });
  return { case: c, dmSent: false };
}

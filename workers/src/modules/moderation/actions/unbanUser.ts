import { PermissionFlagsBits as P, Routes } from 'discord-api-types/v10';
import { discordCall } from '../../../api/discord/botRest';
import { HttpError } from '../../../errors';
import type { GuildAuthority } from '../../../permissions';
import { cases } from '../data/cases';
import type { ModerationServices } from '../ModerationServices';
import { auditReason, actorIdOf, reasonOf, type ActionInput, type ActionResult } from './actionInput';
import { authorize } from './authorize';
import { recordCase } from './recordCase';

/**
 * Lifts a ban; the user's active ban cases end. A ban already gone (lifted in Discord) still
 * ends the cases: what moderators want is the user unbanned, and they are.
 */
export async function unbanUser(m: ModerationServices, actor: GuildAuthority, input: ActionInput): Promise<ActionResult> {
  const reason = reasonOf(m, input.reason);
  await authorize(m, actor, input.targetId, P.BanMembers, { memberRequired: false, botActs: true });
  let wasBanned = true;
  await discordCall(() => m.rest.delete(Routes.guildBan(m.guildId, input.targetId), { reason: auditReason(actor, reason) })).catch((err: unknown) => {
    if (!(err instanceof HttpError && err.status === 404)) throw err;
    wasBanned = false;
  });
  const lifted = await cases.lift(m.db, m.guildId, { targetId: input.targetId, type: 'ban' }, actorIdOf(actor));
  if (!wasBanned && lifted.length === 0) throw new HttpError(404, 'That user is not banned', { code: 'NotBanned' });
  const c = await recordCase(m, { type: 'unban', actorId: actorIdOf(actor), targetId: input.targetId, reason, source: input.source });
  return { case: c, dmSent: false };
}

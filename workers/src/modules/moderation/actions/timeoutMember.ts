import { PermissionFlagsBits as P, Routes } from 'discord-api-types/v10';
import { discordCall } from '../../../api/discord/botRest';
import { HttpError } from '../../../errors';
import type { GuildAuthority } from '../../../permissions';
import type { ModerationServices } from '../ModerationServices';
import { auditReason, actorIdOf, reasonOf, type ActionInput, type ActionResult } from './actionInput';
import { authorize, requireNotAdministrator } from './authorize';
import { notifyMember } from './notifyMember';
import { recordCase } from './recordCase';
import { scheduleExpiry } from './scheduleExpiry';

/** Discord's longest timeout: 28 days. */
export const MAX_TIMEOUT_SECONDS = 28 * 86_400;

/**
 * Times a member out for `durationSeconds` (60 s … 28 days; the config's default when absent).
 * Discord ends the timeout itself; the scheduled job marks the case over.
 */
export async function timeoutMember(m: ModerationServices, actor: GuildAuthority, input: ActionInput & { durationSeconds?: number | null }): Promise<ActionResult> {
  const reason = reasonOf(m, input.reason);
  const duration = input.durationSeconds ?? m.config.defaultTimeout;
  if (duration < 60 || duration > MAX_TIMEOUT_SECONDS) throw new HttpError(400, 'A timeout lasts from 1 minute to 28 days', { code: 'ValidationError' });
  const { target } = await authorize(m, actor, input.targetId, P.ModerateMembers, { memberRequired: true, botActs: true });
  requireNotAdministrator(actor, input.targetId, target!);
  const expiresAt = new Date(Date.now() + duration * 1000);
  const dmSent = await notifyMember(m, input.targetId, { type: 'timeout', reason, durationSeconds: duration });
  await discordCall(() =>
    m.rest.patch(Routes.guildMember(m.guildId, input.targetId), { body: { communication_disabled_until: expiresAt.toISOString() }, reason: auditReason(actor, reason) }),
  );
  const c = await recordCase(m, { type: 'timeout', actorId: actorIdOf(actor), targetId: input.targetId, reason, durationSeconds: duration, expiresAt, source: input.source });
  await scheduleExpiry(m, c);
  return { case: c, dmSent };
}

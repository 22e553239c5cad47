import { PermissionFlagsBits as P, Routes } from 'discord-api-types/v10';
import { discordCall } from '../../../api/discord/botRest';
import { HttpError } from '../../../errors';
import type { GuildAuthority } from '../../../permissions';
import type { ModerationServices } from '../ModerationServices';
import { auditReason, actorIdOf, reasonOf, type ActionInput, type ActionResult } from './actionInput';
import { authorize } from './authorize';
import { notifyMember } from './notifyMember';
import { recordCase } from './recordCase';
import { scheduleExpiry } from './scheduleExpiry';

/** Options of {@link banMember}. */
export interface BanInput extends ActionInput {
  /** A temporary ban, lifted by a scheduled job; absent or null: permanent. */
  durationSeconds?: number | null;
  /** Days of the user's messages Discord deletes (0–7). */
  deleteMessageDays?: number;
  /** Seconds of the user's messages Discord deletes (0–7 days; the dashboard's choice), over `deleteMessageDays`. */
  deleteMessageSeconds?: number;
}

/** Shortest temporary ban (a cooling-off kick that cannot be undone by rejoining). */
export const MIN_BAN_SECONDS = 10;
/** Longest temporary ban (a year); longer is a permanent ban. */
export const MAX_BAN_SECONDS = 365 * 86_400;

/**
 * Bans a user, member or not (a user who already left can be banned). With a duration the ban
 * is lifted on time by the `moderation.expire` job, across Worker restarts (QStash holds it).
 */
export async function banMember(m: ModerationServices, actor: GuildAuthority, input: BanInput): Promise<ActionResult> {
  const reason = reasonOf(m, input.reason);
  const duration = input.durationSeconds ?? null;
  if (duration !== null && (duration < MIN_BAN_SECONDS || duration > MAX_BAN_SECONDS)) throw new HttpError(400, 'A temporary ban lasts from 10 seconds to 365 days', { code: 'ValidationError' });
  const days = input.deleteMessageDays ?? 0;
  const seconds = input.deleteMessageSeconds ?? days * 86_400;
  if (!Number.isInteger(days) || !Number.isInteger(seconds) || seconds < 0 || seconds > 7 * 86_400) throw new HttpError(400, 'Messages can be deleted for 0 to 7 days', { code: 'ValidationError' });
  const { target } = await authorize(m, actor, input.targetId, P.BanMembers, { memberRequired: false, botActs: true });
  const dmSent = target ? await notifyMember(m, input.targetId, { type: 'ban', reason, durationSeconds: duration }) : false;
  await discordCall(() =>
    m.rest.put(Routes.guildBan(m.guildId, input.targetId), { body: { delete_message_seconds: seconds }, reason: auditReason(actor, reason) }),
  );
  const expiresAt = duration ? new Date(Date.now() + duration * 1000) : null;
  const c = await recordCase(m, { type: 'ban', actorId: actorIdOf(actor), targetId: input.targetId, reason, durationSeconds: duration, expiresAt, source: input.source });
  await scheduleExpiry(m, c);
  return { case: c, dmSent };
}

import { HttpError } from '../../../errors';
import type { GuildAuthority } from '../../../permissions';
import type { ModCase } from '../data/cases';
import type { CaseSource, ModerationServices } from '../ModerationServices';

/** What every action on a member is given. */
export interface ActionInput {
  targetId: string;
  reason?: string | null;
  source: CaseSource;
}

/** What an action answers: the case it recorded and whether the member got the DM. */
export interface ActionResult {
  case: ModCase;
  dmSent: boolean;
}

/** The reason as stored (trimmed, null when empty); refused when the server requires one. */
export function reasonOf(m: ModerationServices, reason: string | null | undefined): string | null {
  const r = reason?.trim() || null;
  if (!r && m.config.requireReason) throw new HttpError(400, 'This server requires a reason for moderation actions', { code: 'ReasonRequired' });
  if (r && r.length > 500) throw new HttpError(400, 'A reason is at most 500 characters', { code: 'ValidationError' });
  return r;
}

/** Discord's audit-log reason: who acted through the bot, and why (512 characters at most). */
export function auditReason(actor: GuildAuthority, reason: string | null): string {
  return `${actor.actor ? `By ${actor.actor.userId}` : 'Automatic'}: ${reason ?? 'no reason given'}`.slice(0, 512);
}

/** The actor's id as stored on cases. */
export const actorIdOf = (actor: GuildAuthority): string | null => actor.actor?.userId ?? null;

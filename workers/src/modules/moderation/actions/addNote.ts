import { PermissionFlagsBits as P } from 'discord-api-types/v10';
import { HttpError } from '../../../errors';
import type { GuildAuthority } from '../../../permissions';
import { notes, type ModNote } from '../data/notes';
import type { ModerationServices } from '../ModerationServices';

/** Adds a private note about a user (Moderate Members); the user is never told. */
export async function addNote(m: ModerationServices, actor: GuildAuthority, input: { targetId: string; body: string }): Promise<ModNote> {
  actor.require(P.ModerateMembers);
  const body = input.body.trim();
  if (!body || body.length > 1000) throw new HttpError(400, 'A note is 1 to 1000 characters', { code: 'ValidationError' });
  return notes.add(m.db, m.guildId, { targetId: input.targetId, authorId: actor.actor!.userId, body });
}

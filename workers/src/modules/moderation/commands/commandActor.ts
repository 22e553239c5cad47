import type { APIInteraction } from 'discord-api-types/v10';
import { GuildAuthority } from '../../../permissions';
import type { InteractionContext } from '../../../interactions/types';
import { guildFacts } from '../data/guildFacts';
import { moderationServices, type ModerationServices } from '../ModerationServices';

/**
 * The moderation services and the invoking member's {@link GuildAuthority} (their roles as the
 * interaction carries them; the guild's roles and owner from Discord): the same authority the
 * dashboard builds for its user, so the action functions check both alike.
 */
export async function commandActor(interaction: APIInteraction, ctx: InteractionContext): Promise<{ m: ModerationServices; actor: GuildAuthority }> {
  const m = moderationServices(ctx);
  const facts = await guildFacts(m);
  const member = interaction.member!;
  return { m, actor: GuildAuthority.fromInteraction(facts, { user: { id: member.user.id }, roles: member.roles }) };
}

import type { APIChatInputApplicationCommandInteraction } from 'discord-api-types/v10';

/** A user option's id and whether it is a bot, from the interaction's resolved data. */
export function resolvedUser(interaction: APIChatInputApplicationCommandInteraction, id: string): { id: string; bot: boolean; name: string } {
  const u = interaction.data.resolved?.users?.[id];
  return { id, bot: u?.bot === true, name: u ? (u.global_name ?? u.username) : 'that member' };
}

import { InteractionContextType } from 'discord-api-types/v10';
import { reply } from '../../../interactions/reply';
import type { SlashCommand } from '../../../interactions/types';

/** Discord's epoch (2015-01-01) in ms: snowflakes count from it. */
const DISCORD_EPOCH = 1_420_070_400_000n;

/** When Discord created a snowflake (ms since the Unix epoch). */
export function snowflakeTime(id: string): number {
  return Number((BigInt(id) >> 22n) + DISCORD_EPOCH);
}

/**
 * `/ping`: the round trip from Discord creating the interaction to the Worker handling it,
 * and how long the guild hub took to answer.
 */
export const pingCommand: SlashCommand = {
  data: {
    name: 'ping',
    description: 'Check that the bot answers, and how fast',
    contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
  },
  async execute(interaction, ctx) {
    const roundTrip = Math.max(0, Date.now() - snowflakeTime(interaction.id));
    const hub = ctx.guildId ? `${ctx.hubLatencyMs.toFixed(1)} ms` : 'n/a (no server)';
    return reply.ephemeral(`🏓 Pong! Round trip: ${roundTrip} ms · hub: ${hub}`);
  },
};

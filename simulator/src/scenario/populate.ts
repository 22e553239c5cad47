import { ChannelType } from 'discord-api-types/v10';
import type { SimState } from '../state/SimState.js';

/** Options of {@link populateGuilds}. */
export interface PopulateOptions {
  /** Number of guilds (e.g. 1_000 for load tests). */
  guilds: number;
  /** Human members per guild, owner included (e.g. 100 → 100,000 in all). */
  membersPerGuild: number;
  /** Bot to add to every guild (an application's `botUserId`). */
  botUserId?: string;
  textChannels?: number;
  voiceChannels?: number;
  /** Prefix of guild names and usernames (default `load`). */
  prefix?: string;
}

/**
 * Creates many small guilds quietly (no dispatch: build them before bots connect), for load
 * tests. Returns their ids. Users are one per member (nobody is in two guilds).
 */
export function populateGuilds(state: SimState, o: PopulateOptions): string[] {
  const prefix = o.prefix ?? 'load';
  return state.quietly(() => {
    const ids: string[] = [];
    for (let gi = 0; gi < o.guilds; gi++) {
      const owner = state.users.create({ username: `${prefix}_${gi}_owner` });
      const g = state.guilds.create({ name: `${prefix} guild ${gi}`, ownerId: owner.id });
      for (let c = 0; c < (o.textChannels ?? 3); c++) state.channels.create(g.id, { name: `chat-${c}`, type: ChannelType.GuildText });
      for (let c = 0; c < (o.voiceChannels ?? 2); c++) state.channels.create(g.id, { name: `voice-${c}`, type: ChannelType.GuildVoice });
      for (let i = 1; i < o.membersPerGuild; i++) {
        const u = state.users.create({ username: `${prefix}_${gi}_${i}` });
        state.members.add(g.id, u.id, { silent: true });
      }
      if (o.botUserId) state.members.add(g.id, o.botUserId, { silent: true });
      ids.push(g.id);
    }
    return ids;
  });
}

import type { Env } from '../env';
import { guildHub } from '../platform/hub/guildHub';
import type { GuildState } from './types';

/**
 * Where the interactions framework reads a guild's plan and module states. Production asks
 * the guild's `GuildHub` Durable Object (hot, no Postgres round trip); tests pass a fixed map.
 */
export interface GuildConfigReader {
  getGuildState(guildId: string): Promise<GuildState>;
}

/**
 * Reads guild state from the guild's `GuildHub` (one Durable Object per guild, named by its
 * id) through the module system's client; the hub answers from its own storage.
 */
export class HubGuildConfigReader implements GuildConfigReader {
  constructor(private readonly env: Pick<Env, 'GUILD_HUB'>) {}

  async getGuildState(guildId: string): Promise<GuildState> {
    return guildHub(this.env, guildId).getState();
  }
}

/** A fixed set of guild states (tests, the bench, and guilds unknown to it get `fallback`). */
export class StaticGuildConfigReader implements GuildConfigReader {
  constructor(
    private readonly guilds: Record<string, GuildState> = {},
    private readonly fallback: GuildState = { plan: 'free', modules: {} },
  ) {}

  async getGuildState(guildId: string): Promise<GuildState> {
    return this.guilds[guildId] ?? this.fallback;
  }
}

import type { Plan } from '../ModuleDefinition';

/** Guild facts the hub keeps hot (from the `guilds` table and lifecycle events). */
export interface GuildInfo {
  name: string;
  icon: string | null;
  ownerId: string | null;
  memberCount: number;
}

/** One module's state in a guild. */
export interface ModuleState {
  enabled: boolean;
  /** Validated config (the module's defaults when never configured). */
  config: unknown;
  /** Bumped by every committed change; 0 = never written. */
  version: number;
  updatedAt: string | null;
}

/**
 * What the GuildHub answers on `getState()`: the plan and every registered module's state
 * (modules never touched appear disabled with their default config; always-on ones enabled).
 */
export interface GuildState {
  guildId: string;
  plan: Plan;
  guild: GuildInfo | null;
  modules: Record<string, ModuleState>;
}

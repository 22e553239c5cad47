import { getContext, setContext } from 'svelte';
import type { GuildOverview, ModuleEntry } from '../api/shapes';
import type { Resource } from '../stores/resource.svelte';
import type { HubSocket } from './HubSocket.svelte';

/** What every page under a guild shares: the guild, its modules and the live hub. */
export interface GuildContext {
  id: string;
  guild: Resource<GuildOverview>;
  modules: Resource<{ modules: ModuleEntry[] }>;
  hub: HubSocket;
}

const KEY = Symbol('guild');

export const setGuildContext = (ctx: GuildContext) => setContext(KEY, ctx);
export const guildContext = () => getContext<GuildContext>(KEY);

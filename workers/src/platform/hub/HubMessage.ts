import type { FeedItem } from './feed';
import type { GuildState, ModuleState } from './GuildState';

/** Live counters of the guild shown on the dashboard (processed events since the hub woke). */
export type HubCounters = Record<string, number>;

/** What the hub sends to a guild's dashboard sockets (JSON). */
/** Whether a gateway shard is linked to this instance (the bot is online). */
export interface ShardStatus {
  connected: boolean;
  shards: number;
}

/** The live figures without the socket (`GET /api/guilds/:id/live`, the dashboard's fallback while its socket is down). */
export interface HubLive {
  feed: FeedItem[];
  counters: HubCounters;
  shard: ShardStatus;
}

export type HubMessage =
  | { type: 'hello'; state: GuildState; feed: FeedItem[]; counters: HubCounters; shard: ShardStatus }
  | { type: 'status'; shard: ShardStatus }
  | { type: 'module:change'; moduleId: string; action: 'enabled' | 'disabled'; state: ModuleState }
  | { type: 'config:change'; moduleId: string; state: ModuleState }
  | { type: 'plan:change'; plan: string }
  | { type: 'event'; item: FeedItem }
  | { type: 'counters'; counters: HubCounters }
  | { type: 'pong' };

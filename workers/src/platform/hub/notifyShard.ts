import { shardCoordinator } from '../../durable/ShardCoordinator';
import type { Env } from '../../env';
import { countUsage } from '../../lib/usage';

/**
 * Pushes a guild's needed gateway events to the ShardCoordinator (singleton), which forwards
 * `{type: 'module:change', guildId, events}` to the shard.
 */
export async function notifyShard(env: Pick<Env, 'SHARD_COORDINATOR'>, guildId: string, events: string[]): Promise<void> {
  countUsage('doRequests');
  await shardCoordinator(env).pushModuleChange(guildId, events);
}

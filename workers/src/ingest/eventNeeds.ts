import { sql } from 'drizzle-orm';
import type { ModuleRegistry } from '../modules/registry';
import type { SqlExecutor } from './storeBatch';

/** What the ShardCoordinator sends the shard on connect (the shard's `LinkConfig`). */
export interface ShardNeeds {
  /** Per guild: dispatch types some enabled module needs there. */
  guilds: Record<string, string[]>;
  /** Needs of guilds with no enabled module row (the always-on modules). */
  defaults: string[];
  /** Intents bitfield of every registered module. */
  intents: number;
}

type Registry = Pick<ModuleRegistry, 'all' | 'eventsFor' | 'intents'>;

/**
 * The dispatch types the shard must forward for a guild: the events of its enabled modules
 * plus those of always-on modules. The one hook point between the module registry and the
 * shard's filter.
 */
export function eventNeedsForGuild(registry: Registry, enabledModuleIds: Iterable<string>): string[] {
  const ids = new Set(enabledModuleIds);
  for (const d of registry.all()) if (d.alwaysOn) ids.add(d.id);
  return registry.eventsFor(ids);
}

/** Reads every guild's enabled modules from Postgres (`guild_modules`) and maps them through the registry. */
export async function loadShardNeeds(db: SqlExecutor, registry: Registry): Promise<ShardNeeds> {
  const { rows } = await db.execute(sql`SELECT guild_id, array_agg(module_id) AS modules FROM guild_modules WHERE enabled GROUP BY guild_id`);
  const guilds: Record<string, string[]> = {};
  for (const row of rows as { guild_id: string; modules: string[] | string }[]) {
    const modules = Array.isArray(row.modules) ? row.modules : String(row.modules).replace(/^\{|\}$/g, '').split(',');
    guilds[row.guild_id] = eventNeedsForGuild(registry, modules);
  }
  return { guilds, defaults: eventNeedsForGuild(registry, []), intents: registry.intents().reduce((a, b) => a | b, 0) };
}

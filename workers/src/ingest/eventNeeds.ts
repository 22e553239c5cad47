import { sql } from 'drizzle-orm';
import type { ModuleRegistry } from '../platform/registry';
import type { SqlExecutor } from './deadLetters';

/** What the ShardCoordinator sends the shard on connect (the shard's `LinkConfig`). */
export interface ShardNeeds {
  /** Per guild: dispatch types some enabled module needs there, then guild-scoped fields as `TYPE.path`. */
  guilds: Record<string, string[]>;
  /** Needs of guilds with no enabled module row (the always-on modules). */
  defaults: string[];
  /** Intents bitfield of every registered module. */
  intents: number;
  /** Per event type, the payload fields to forward (see {@link fieldsFor}). */
  fields: Record<string, string[]>;
}

/** Fields the platform itself reads (feed summaries, ids), added to the modules' declarations. */
const PLATFORM_FIELDS: Record<string, string[]> = {
  MESSAGE_CREATE: ['id', 'guild_id', 'channel_id', 'author.id', 'author.username'],
  MESSAGE_REACTION_ADD: ['guild_id', 'channel_id', 'message_id', 'user_id'],
  VOICE_STATE_UPDATE: ['guild_id', 'channel_id', 'user_id', 'session_id'],
};

type Registry = Pick<ModuleRegistry, 'all' | 'needsFor' | 'intents'>;

/**
 * Per event type, the union of the fields declared by every registered module consuming it
 * and the platform's (not their `guildFields`: those go per guild, see {@link eventNeedsForGuild}); a type some consumer did not declare fields for is left out (forwarded
 * whole), as is any type the platform has no entry for (lifecycle events).
 */
export function fieldsFor(registry: Pick<ModuleRegistry, 'all'>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [type, platform] of Object.entries(PLATFORM_FIELDS)) {
    const consumers = registry.all().filter((d) => d.events.includes(type as never));
    if (consumers.some((d) => !d.fields?.[type as keyof NonNullable<typeof d.fields>])) continue;
    out[type] = [...new Set([...platform, ...consumers.flatMap((d) => d.fields![type as keyof NonNullable<typeof d.fields>]!)])].sort();
  }
  return out;
}

/**
 * The dispatch types the shard must forward for a guild: the events of its enabled modules
 * plus those of always-on modules, then the fields only those modules get (`guildFields`, as
 * `TYPE.path`: message content reaches the guilds with Logging on only). The one hook point between the module registry and the
 * shard's filter.
 */
export function eventNeedsForGuild(registry: Registry, enabledModuleIds: Iterable<string>): string[] {
  const ids = new Set(enabledModuleIds);
  for (const d of registry.all()) if (d.alwaysOn) ids.add(d.id);
  return registry.needsFor(ids);
}

/** Reads every guild's enabled modules from Postgres (`guild_modules`) and maps them through the registry. */
export async function loadShardNeeds(db: SqlExecutor, registry: Registry): Promise<ShardNeeds> {
  const { rows } = await db.execute(sql`SELECT guild_id, array_agg(module_id) AS modules FROM guild_modules WHERE enabled GROUP BY guild_id`);
  const guilds: Record<string, string[]> = {};
  for (const row of rows as { guild_id: string; modules: string[] | string }[]) {
    const modules = Array.isArray(row.modules) ? row.modules : String(row.modules).replace(/^\{|\}$/g, '').split(',');
    guilds[row.guild_id] = eventNeedsForGuild(registry, modules);
  }
  return { guilds, defaults: eventNeedsForGuild(registry, []), intents: registry.intents().reduce((a, b) => a | b, 0), fields: fieldsFor(registry) };
}

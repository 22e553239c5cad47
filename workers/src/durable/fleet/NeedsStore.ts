import type { ShardNeeds } from '../../ingest/eventNeeds';
import type { SqlExec } from '../../lib/sql/SqlExec';

const SCHEMA = [
  // shard_key = guild_id >> 22: the guild's shard is shard_key % shard_count, whatever the count.
  `CREATE TABLE IF NOT EXISTS guild_needs (guild_id TEXT PRIMARY KEY, shard_key INTEGER NOT NULL, events TEXT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS needs_base (id INTEGER PRIMARY KEY CHECK (id = 1), value TEXT NOT NULL)`,
];

/** Guilds per `config` / `config:guilds` message: well under the WebSocket message limit (1 MiB). */
export const GUILDS_PER_MESSAGE = 2_000;

type Base = Omit<ShardNeeds, 'guilds'>;

/** `guild_id >> 22` as a number (a millisecond timestamp: exact in a double). */
export function shardKeyOf(guildId: string): number {
  return Number(BigInt(guildId) >> 22n);
}

/**
 * The gateway event needs of every guild, one row per guild in the ShardCoordinator's SQLite
 * (plus one row for what all guilds share): a module change writes one row, and no stored value
 * grows with the number of guilds (a single value held every guild before, and Durable Object
 * values stop at 2 MB, about 17k guilds with modules on).
 */
export class NeedsStore {
  constructor(private readonly sql: SqlExec) {
    for (const statement of SCHEMA) sql.exec(statement);
  }

  /** Whether anything was ever stored. */
  get empty(): boolean {
    return this.sql.exec('SELECT 1 FROM needs_base').toArray().length === 0;
  }

  /** Sets one guild's needs. */
  set(guildId: string, events: string[]): void {
    this.sql.exec(
      'INSERT INTO guild_needs (guild_id, shard_key, events) VALUES (?, ?, ?) ON CONFLICT (guild_id) DO UPDATE SET events = excluded.events',
      guildId, shardKeyOf(guildId), JSON.stringify(events),
    );
  }

  /** Replaces everything, writing only the rows that differ (a reload from Postgres usually writes none). Returns rows written. */
  replace(needs: ShardNeeds): number {
    return this.sql.transaction(() => {
      let written = 0;
      const { guilds, ...base } = needs;
      const baseText = JSON.stringify(base);
      if (this.sql.exec<{ value: string }>('SELECT value FROM needs_base').toArray()[0]?.value !== baseText) {
        written += this.sql.exec('INSERT INTO needs_base (id, value) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET value = excluded.value', baseText).rowsWritten;
      }
      const stored = new Map(this.sql.exec<{ guild_id: string; events: string }>('SELECT guild_id, events FROM guild_needs').toArray().map((r) => [r.guild_id, r.events]));
      for (const [guildId, events] of Object.entries(guilds)) {
        const text = JSON.stringify(events);
        if (stored.get(guildId) !== text) {
          this.set(guildId, events);
          written++;
        }
        stored.delete(guildId);
      }
      for (const guildId of stored.keys()) written += this.sql.exec('DELETE FROM guild_needs WHERE guild_id = ?', guildId).rowsWritten;
      return written;
    });
  }

  /** The needs (`shards` of `shardCount`: only the guilds on those shards), or null when nothing is stored. */
  load(only?: { shardCount: number; shards: number[] }): ShardNeeds | null {
    const base = this.sql.exec<{ value: string }>('SELECT value FROM needs_base').toArray()[0];
    if (!base) return null;
    const keep = only ? new Set(only.shards) : null;
    const guilds: Record<string, string[]> = {};
    for (const r of this.sql.exec<{ guild_id: string; shard_key: number; events: string }>('SELECT guild_id, shard_key, events FROM guild_needs').toArray()) {
      if (!keep || keep.has(r.shard_key % only!.shardCount)) guilds[r.guild_id] = JSON.parse(r.events) as string[];
    }
    return { ...(JSON.parse(base.value) as Base), guilds };
  }
}

/**
 * The messages that carry a config to a shard process: `config` (what all guilds share and the
 * first guilds; it replaces the process's config), then `config:guilds` (more guilds, merged),
 * each under the WebSocket message limit.
 */
export function configMessages(needs: ShardNeeds, perMessage = GUILDS_PER_MESSAGE): string[] {
  const entries = Object.entries(needs.guilds);
  const out = [JSON.stringify({ type: 'config', ...needs, guilds: Object.fromEntries(entries.slice(0, perMessage)) })];
  for (let i = perMessage; i < entries.length; i += perMessage) {
    out.push(JSON.stringify({ type: 'config:guilds', guilds: Object.fromEntries(entries.slice(i, i + perMessage)) }));
  }
  return out;
}

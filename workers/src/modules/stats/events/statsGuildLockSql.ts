import { sql, type SQL } from 'drizzle-orm';

/**
 * First key of Stats' advisory locks ('STAT'), so they never meet another feature's locks:
 * `pg_advisory_xact_lock(int4, int4)` keys on the pair.
 */
const STATS_LOCK_CLASS = 0x53544154;

/**
 * Takes the transaction-level advisory lock of each guild (second key `hashtext(guild id)`),
 * in key order so two batches sharing guilds never wait on each other in a cycle. Held until
 * the transaction ends. It must be its own statement BEFORE the stats statement: in READ
 * COMMITTED a statement's snapshot is taken when it starts, so only a later statement sees
 * what the previous lock holder committed. Two guilds sharing a hash share a lock: harmless.
 */
export function statsGuildLockSql(guildIds: Iterable<string>): SQL {
  const json = JSON.stringify([...new Set(guildIds)]);
  return sql`
SELECT count(*)::int AS locked FROM (
  SELECT pg_advisory_xact_lock(${sql.raw(String(STATS_LOCK_CLASS))}, k)
  FROM (SELECT DISTINCT hashtext(g) AS k FROM jsonb_array_elements_text(${json}::jsonb) AS g ORDER BY k) keys
) l`;
}

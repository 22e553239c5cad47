import { sql } from 'drizzle-orm';
import type { Db } from '../../lib/db';
import type { GuildInfo } from '../hub/GuildState';
import type { ProcessableEvent } from './ProcessableEvent';

type Row = { guild_id: string; claimed: string[] | string | null; name: string; icon: string | null; owner_id: string | null; before: number };

/**
 * Applies a run of joins and leaves (`GUILD_MEMBER_ADD`/`_REMOVE`, any guilds) to the guilds'
 * member counts in ONE statement: each event claims `(event id, 'guild:members')` in
 * `module_effects` and only claimed events move the count, so reprocessing an event never
 * counts it twice. Returns each event's guild facts right after it, in event order (a
 * re-processed event sees the count as it stands). Counts never go below 0: per step for the
 * facts returned, on the run's sum for the stored count (they differ only when the stored
 * count was already wrong, and the next GUILD_CREATE resets it).
 */
export async function applyMemberEvents(db: Db, events: ProcessableEvent[]): Promise<Map<string, GuildInfo>> {
  const input = JSON.stringify(events.map((e) => ({ id: e.eventId, guild_id: e.guildId, delta: e.type === 'GUILD_MEMBER_ADD' ? 1 : -1 })));
  // The final SELECT reads `guilds` as it was before this statement (a data-modifying CTE's
  // changes are invisible to the rest of the query; it still runs to completion), which is
  // the starting count the walk below needs.
  const { rows } = await db.execute(sql`
    WITH input AS (
      SELECT * FROM jsonb_to_recordset(${input}::jsonb) AS r(id text, guild_id text, delta int)
    ), claim AS (
      INSERT INTO module_effects (event_id, effect_key)
      SELECT DISTINCT id, 'guild:members' FROM input ON CONFLICT DO NOTHING RETURNING event_id
    ), sums AS (
      SELECT i.guild_id, sum(i.delta)::int AS delta FROM input i JOIN claim c ON c.event_id = i.id GROUP BY i.guild_id
    ), upd AS (
      UPDATE guilds g SET member_count = greatest(g.member_count + s.delta, 0), updated_at = now()
      FROM sums s WHERE g.id = s.guild_id RETURNING g.id
    )
    SELECT g.id AS guild_id, g.name, g.icon, g.owner_id, g.member_count AS before,
      (SELECT json_agg(c.event_id) FROM claim c JOIN input i ON i.id = c.event_id WHERE i.guild_id = g.id) AS claimed
    FROM guilds g WHERE g.id IN (SELECT guild_id FROM input)`);
  const guilds = new Map<string, { info: GuildInfo; claimed: Set<string> }>();
  for (const r of rows as Row[]) {
    const claimed = typeof r.claimed === 'string' ? (JSON.parse(r.claimed) as string[]) : (r.claimed ?? []);
    guilds.set(r.guild_id, { info: { name: r.name, icon: r.icon, ownerId: r.owner_id, memberCount: Number(r.before) }, claimed: new Set(claimed) });
  }
  const out = new Map<string, GuildInfo>();
  for (const e of events) {
    const g = guilds.get(e.guildId!);
    if (!g) continue;
    if (g.claimed.delete(e.eventId)) g.info = { ...g.info, memberCount: Math.max(0, g.info.memberCount + (e.type === 'GUILD_MEMBER_ADD' ? 1 : -1)) };
    out.set(e.eventId, g.info);
  }
  return out;
}

import { sql } from 'drizzle-orm';
import type { APIGuild, GatewayGuildCreateDispatchData, GatewayGuildDeleteDispatchData } from 'discord-api-types/v10';
import type { Db } from '../../lib/db';
import type { GuildInfo } from '../hub/GuildState';
import type { ProcessableEvent } from './ProcessableEvent';

type Row = { name: string; icon: string | null; owner_id: string | null; member_count: number };
const toInfo = (r: Row | undefined): GuildInfo | undefined =>
  r ? { name: r.name, icon: r.icon, ownerId: r.owner_id, memberCount: Number(r.member_count) } : undefined;

/**
 * Keeps the `guilds` table current from one event (name, icon, owner, member count, joined,
 * left) and returns the guild's facts after it. Member counts move once per event id (the
 * claim and the update are one statement), so reprocessing never counts a join twice.
 */
export async function applyLifecycle(db: Db, e: ProcessableEvent): Promise<GuildInfo | undefined> {
  const d = e.payload as Record<string, unknown>;
  switch (e.type) {
    case 'GUILD_CREATE': {
      const g = d as unknown as GatewayGuildCreateDispatchData;
      const { rows } = await db.execute(sql`
        INSERT INTO guilds (id, name, icon, owner_id, member_count, joined_at, left_at, updated_at)
        VALUES (${g.id}, ${g.name}, ${g.icon}, ${g.owner_id}, ${g.member_count ?? 0}, ${g.joined_at ?? new Date().toISOString()}, NULL, now())
        ON CONFLICT (id) DO UPDATE SET name = excluded.name, icon = excluded.icon, owner_id = excluded.owner_id,
          member_count = excluded.member_count, joined_at = CASE WHEN guilds.left_at IS NULL AND guilds.name <> '' THEN guilds.joined_at ELSE excluded.joined_at END,
          left_at = NULL, updated_at = now()
        RETURNING name, icon, owner_id, member_count`);
      return toInfo(rows[0] as Row);
    }
    case 'GUILD_UPDATE': {
      const g = d as unknown as APIGuild;
      const { rows } = await db.execute(sql`
        UPDATE guilds SET name = ${g.name}, icon = ${g.icon}, owner_id = ${g.owner_id}, updated_at = now()
        WHERE id = ${g.id} RETURNING name, icon, owner_id, member_count`);
      return toInfo(rows[0] as Row);
    }
    case 'GUILD_DELETE': {
      // `unavailable: true` is an outage, not a removal (https://discord.com/developers/docs/events/gateway-events#guild-delete).
      const g = d as unknown as GatewayGuildDeleteDispatchData;
      if (g.unavailable) return undefined;
      await db.execute(sql`UPDATE guilds SET left_at = now(), updated_at = now() WHERE id = ${g.id} AND left_at IS NULL`);
      return undefined;
    }
    case 'GUILD_MEMBER_ADD':
    case 'GUILD_MEMBER_REMOVE': {
      if (!e.guildId) return undefined;
      const delta = e.type === 'GUILD_MEMBER_ADD' ? 1 : -1;
      const { rows } = await db.execute(sql`
        WITH claim AS (
          INSERT INTO module_effects (event_id, effect_key) VALUES (${e.eventId}, 'guild:members') ON CONFLICT DO NOTHING RETURNING 1
        ), upd AS (
          UPDATE guilds SET member_count = greatest(member_count + ${delta}, 0), updated_at = now()
          WHERE id = ${e.guildId} AND EXISTS (SELECT 1 FROM claim) RETURNING name, icon, owner_id, member_count
        )
        SELECT * FROM upd UNION ALL
        SELECT name, icon, owner_id, member_count FROM guilds WHERE id = ${e.guildId} AND NOT EXISTS (SELECT 1 FROM upd)`);
      return toInfo(rows[0] as Row);
    }
    default:
      return undefined;
  }
}

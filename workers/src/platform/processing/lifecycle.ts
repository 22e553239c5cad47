import { sql } from 'drizzle-orm';
import type { APIGuild, GatewayGuildCreateDispatchData, GatewayGuildDeleteDispatchData } from 'discord-api-types/v10';
import type { Db } from '../../lib/db';
import type { GuildInfo } from '../hub/GuildState';
import type { ProcessableEvent } from './ProcessableEvent';

const GUILD_EVENTS = new Set(['GUILD_CREATE', 'GUILD_UPDATE', 'GUILD_DELETE']);

/**
 * The claim of a join or leave whose run failed after it moved the member count: its retry,
 * however late, does not move it again (the hub's `live` value knows only the last ones).
 */
export const MEMBER_COUNT_KEY = 'guild:members';

/**
 * One guild-level event (create, update, delete: rare). The `guilds` row in Postgres is what
 * the dashboard lists, so these still write it, one statement each; the member count is the
 * hub's (from GUILD_CREATE's `member_count`, then joins and leaves), never read back.
 */
async function applyGuildEvent(db: Db, e: ProcessableEvent, current: GuildInfo | null): Promise<GuildInfo | null> {
  const d = e.payload as Record<string, unknown>;
  switch (e.type) {
    case 'GUILD_CREATE': {
      const g = d as unknown as GatewayGuildCreateDispatchData;
      await db.execute(sql`
        INSERT INTO guilds (id, name, icon, owner_id, member_count, joined_at, left_at, updated_at)
        VALUES (${g.id}, ${g.name}, ${g.icon}, ${g.owner_id}, ${g.member_count ?? 0}, ${g.joined_at ?? new Date().toISOString()}, NULL, now())
        ON CONFLICT (id) DO UPDATE SET name = excluded.name, icon = excluded.icon, owner_id = excluded.owner_id,
          member_count = excluded.member_count, joined_at = CASE WHEN guilds.left_at IS NULL AND guilds.name <> '' THEN guilds.joined_at ELSE excluded.joined_at END,
          left_at = NULL, updated_at = now()`);
      return { name: g.name, icon: g.icon, ownerId: g.owner_id, memberCount: g.member_count ?? 0 };
    }
    case 'GUILD_UPDATE': {
      const g = d as unknown as APIGuild;
      await db.execute(sql`UPDATE guilds SET name = ${g.name}, icon = ${g.icon}, owner_id = ${g.owner_id}, updated_at = now() WHERE id = ${g.id}`);
      return { memberCount: 0, ...current, name: g.name, icon: g.icon, ownerId: g.owner_id };
    }
    case 'GUILD_DELETE': {
      // `unavailable: true` is an outage, not a removal (https://discord.com/developers/docs/events/gateway-events#guild-delete).
      const g = d as unknown as GatewayGuildDeleteDispatchData;
      if (!g.unavailable) await db.execute(sql`UPDATE guilds SET left_at = now(), updated_at = now() WHERE id = ${g.id} AND left_at IS NULL`);
      return current;
    }
    default:
      return current;
  }
}

/** What {@link applyLifecycle} found. */
export interface LifecycleResult {
  /** The guild's facts right after each event that touched it (joins see their member number). */
  perEvent: Map<string, GuildInfo>;
  /** The guild's facts after the whole batch, per guild it changed. */
  latest: Map<string, GuildInfo>;
  /** Events whose step failed (left for the inbox to deliver again). */
  failed: Map<string, unknown>;
  /** Per guild, the joins and leaves that moved its member count in this run (stored with the count). */
  moved: Map<string, string[]>;
}

const isMemberEvent = (e: ProcessableEvent) => e.type === 'GUILD_MEMBER_ADD' || e.type === 'GUILD_MEMBER_REMOVE';

/**
 * Walks a batch's lifecycle events in order from each guild's facts as the hub knows them
 * (`start`): joins and leaves move the member count in memory, each at most once across
 * re-deliveries (`counted` says which moved it before: the hub keeps their ids with the count,
 * so no row is written for it; see `processStoredEvents`); guild create, update and delete
 * also write Postgres's `guilds` row (rare events). A usual batch touches no database.
 * Counts never go below 0.
 */
export async function applyLifecycle(events: ProcessableEvent[], start: Map<string, GuildInfo | null>, deps: { db: Db; counted(members: ProcessableEvent[]): Promise<Set<string>> }): Promise<LifecycleResult> {
  const result: LifecycleResult = { perEvent: new Map(), latest: new Map(), failed: new Map(), moved: new Map() };
  const members = events.filter((e) => e.guildId && isMemberEvent(e));
  let counted = new Set<string>();
  try {
    if (members.length > 0) counted = await deps.counted(members);
  } catch (err) {
    for (const e of members) result.failed.set(e.eventId, err);
  }
  const info = new Map(start);
  for (const e of events) {
    if (!e.guildId || result.failed.has(e.eventId)) continue;
    const current = info.get(e.guildId) ?? null;
    let next = current;
    if (isMemberEvent(e)) {
      if (!current) continue;
      if (!counted.has(e.eventId)) {
        counted.add(e.eventId);
        (result.moved.get(e.guildId) ?? result.moved.set(e.guildId, []).get(e.guildId)!).push(e.eventId);
        next = { ...current, memberCount: Math.max(0, current.memberCount + (e.type === 'GUILD_MEMBER_ADD' ? 1 : -1)) };
      }
    } else if (GUILD_EVENTS.has(e.type)) {
      try {
        next = await applyGuildEvent(deps.db, e, current);
      } catch (err) {
        result.failed.set(e.eventId, err);
        continue;
      }
    } else continue;
    if (!next) continue;
    info.set(e.guildId, next);
    result.perEvent.set(e.eventId, next);
    result.latest.set(e.guildId, next);
  }
  return result;
}

import { sql } from 'drizzle-orm';
import type { APIGuild, GatewayGuildCreateDispatchData, GatewayGuildDeleteDispatchData } from 'discord-api-types/v10';
import type { Db } from '../../lib/db';
import type { GuildInfo } from '../hub/GuildState';
import { applyMemberEvents } from './memberCounts';
import type { ProcessableEvent } from './ProcessableEvent';

const GUILD_EVENTS = new Set(['GUILD_CREATE', 'GUILD_UPDATE', 'GUILD_DELETE']);

type Row = { name: string; icon: string | null; owner_id: string | null; member_count: number };
const toInfo = (r: Row | undefined): GuildInfo | undefined =>
  r ? { name: r.name, icon: r.icon, ownerId: r.owner_id, memberCount: Number(r.member_count) } : undefined;

/** One guild-level event (create, update, delete: rare, so one statement each). */
async function applyGuildEvent(db: Db, e: ProcessableEvent): Promise<GuildInfo | undefined> {
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
    default:
      return undefined;
  }
}

/** What {@link applyLifecycle} found. */
export interface LifecycleResult {
  /** The guild's facts right after each event that touched it (joins see their member number). */
  perEvent: Map<string, GuildInfo>;
  /** The guild's facts after the whole batch, per guild. */
  latest: Map<string, GuildInfo>;
  /** Events whose statement failed (left unprocessed for the sweep). */
  failed: Map<string, unknown>;
}

const isMemberEvent = (e: ProcessableEvent) => !!e.guildId && (e.type === 'GUILD_MEMBER_ADD' || e.type === 'GUILD_MEMBER_REMOVE');

/**
 * Keeps the `guilds` table current from a batch (name, icon, owner, member count, joined,
 * left), in event order: each guild create/update/delete is one statement; every run of joins
 * and leaves between them is ONE statement for all guilds ({@link applyMemberEvents}), so a
 * usual batch costs one round trip, or none without joins or leaves.
 */
export async function applyLifecycle(db: Db, events: ProcessableEvent[]): Promise<LifecycleResult> {
  const result: LifecycleResult = { perEvent: new Map(), latest: new Map(), failed: new Map() };
  const record = (e: ProcessableEvent, g: GuildInfo | undefined) => {
    if (g && e.guildId) {
      result.latest.set(e.guildId, g);
      result.perEvent.set(e.eventId, g);
    }
  };
  let run: ProcessableEvent[] = [];
  const flush = async () => {
    if (run.length === 0) return;
    const members = run;
    run = [];
    try {
      const infos = await applyMemberEvents(db, members);
      for (const e of members) record(e, infos.get(e.eventId));
    } catch (err) {
      for (const e of members) result.failed.set(e.eventId, err);
    }
  };
  for (const e of events) {
    if (isMemberEvent(e)) {
      run.push(e);
      continue;
    }
    if (!GUILD_EVENTS.has(e.type)) continue;
    await flush();
    try {
      record(e, await applyGuildEvent(db, e));
    } catch (err) {
      result.failed.set(e.eventId, err);
    }
  }
  await flush();
  return result;
}

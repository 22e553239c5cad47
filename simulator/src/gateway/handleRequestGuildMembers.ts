import { GatewayCloseCodes as C, GatewayDispatchEvents as E, GatewayIntentBits as I } from 'discord-api-types/v10';
import type { GatewayConnection } from './GatewayConnection.js';
import type { GatewayHub } from './GatewayHub.js';
import { memberPayload } from '../state/payloads.js';

interface RequestMembersData {
  guild_id: string;
  query?: string;
  limit?: number;
  user_ids?: string | string[];
  nonce?: string;
}

const CHUNK_SIZE = 1_000;

/**
 * Op 8 Request Guild Members → GUILD_MEMBERS_CHUNK dispatches of up to 1,000 members.
 * Listing everyone (empty query) needs GUILD_MEMBERS, else 4013 as Discord does.
 * @see https://discord.com/developers/docs/events/gateway-events#request-guild-members
 */
export function handleRequestGuildMembers(hub: GatewayHub, conn: GatewayConnection, d: unknown): void {
  const session = conn.session;
  if (!session) return;
  const req = d as RequestMembersData | null;
  if (!req || typeof req !== 'object' || typeof req.guild_id !== 'string') {
    return conn.closeWith(C.DecodeError, 'Error while decoding payload.');
  }
  const guild = hub.state.data.guilds[req.guild_id];
  if (!guild || !session.guildIds.has(req.guild_id)) return;
  const ids = req.user_ids === undefined ? null : new Set([req.user_ids].flat());
  if (!ids && req.query === '' && !(session.intents & I.GuildMembers)) {
    return conn.closeWith(C.InvalidIntents, 'Invalid intent(s).');
  }
  const query = (req.query ?? '').toLowerCase();
  const limit = req.limit && req.limit > 0 ? req.limit : Number.POSITIVE_INFINITY;
  const found = [];
  for (const m of Object.values(guild.members)) {
    if (found.length >= limit) break;
    if (ids) {
      if (ids.has(m.user_id)) found.push(m);
      continue;
    }
    const user = hub.state.data.users[m.user_id];
    if (!query || user?.username.toLowerCase().startsWith(query) || m.nick?.toLowerCase().startsWith(query)) found.push(m);
  }
  const notFound = ids ? [...ids].filter((id) => !guild.members[id]) : [];
  const chunkCount = Math.max(1, Math.ceil(found.length / CHUNK_SIZE));
  for (let i = 0; i < chunkCount; i++) {
    const chunk = {
      guild_id: guild.id,
      members: found.slice(i * CHUNK_SIZE, (i + 1) * CHUNK_SIZE).map((m) => memberPayload(hub.state.data, m)),
      chunk_index: i,
      chunk_count: chunkCount,
      ...(i === 0 && notFound.length ? { not_found: notFound } : {}),
      ...(req.nonce !== undefined ? { nonce: req.nonce } : {}),
    };
    if (session.dispatch(E.GuildMembersChunk, JSON.stringify(chunk))) hub.counters.dispatched++;
  }
}

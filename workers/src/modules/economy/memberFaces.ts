import { guildData } from '../../api/discord/guildData';
import { getRedis } from '../../lib/redis';
import type { EconomyServices } from './economyServices';

/** How the dashboard shows a member: display name and avatar (null: Discord's default). */
export interface Face {
  name: string;
  avatarUrl: string | null;
  /** Not in the server's member list (left, or beyond its first page). */
  left: boolean;
}

/**
 * Names and avatars for user ids from the guild's cached member list (one Discord read per
 * 30 s, shared with the rest of the dashboard), so the leaderboard shows people, not ids.
 */
export async function memberFaces(s: EconomyServices, ids: string[]): Promise<Record<string, Face>> {
  const d = { rest: s.rest, redis: getRedis(s.appConfig), guildId: s.guildId };
  const members = await guildData.members(d).catch(() => []);
  const byId = new Map(members.map((m) => [m.user.id, m]));
  const out: Record<string, Face> = {};
  for (const id of ids) {
    const m = byId.get(id);
    if (!m) {
      out[id] = { name: 'unknown member', avatarUrl: null, left: true };
      continue;
    }
    const hash = m.user.avatar;
    out[id] = {
      name: m.nick ?? m.user.global_name ?? m.user.username,
      avatarUrl: hash ? `https://cdn.discordapp.com/avatars/${id}/${hash}.${hash.startsWith('a_') ? 'gif' : 'webp'}?size=64` : null,
      left: false,
    };
  }
  return out;
}

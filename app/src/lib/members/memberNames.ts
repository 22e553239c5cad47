import { cachedApi } from '../api/client';
import type { Member } from '../api/types';
import { displayName } from './memberActions';

/** The first page of members (by name), shared by every page that shows names for ids. */
export const memberDirectory = (guildId: string) =>
  cachedApi<{ members: Member[] }>(`/api/guilds/${guildId}/members?pageSize=100`).then((r) => new Map(r.members.map((m) => [m.id, displayName(m)])));

/**
 * Names for user ids: from the shared directory first, then one (cached) read per id it lacks.
 * Ids that are not members (left, or never joined) keep no name.
 */
export async function memberNames(guildId: string, ids: string[]): Promise<Record<string, string>> {
  const dir = await memberDirectory(guildId).catch(() => new Map<string, string>());
  const out: Record<string, string> = {};
  await Promise.all(
    [...new Set(ids)].map(async (id) => {
      const known = dir.get(id);
      if (known) out[id] = known;
      else await cachedApi<Member>(`/api/guilds/${guildId}/members/${id}`, 120_000).then((m) => (out[id] = displayName(m)), () => {});
    }),
  );
  return out;
}

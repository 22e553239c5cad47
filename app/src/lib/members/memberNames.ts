import { cachedApi } from '../api/client';
import { core, json } from '../api/core';
import { displayName } from './memberActions';

/** The first page of members (by name), shared by every page that shows names for ids. */
export const memberDirectory = (guildId: string) =>
  cachedApi(`/api/guilds/${guildId}/members?pageSize=100`, undefined, () => json(core.guilds[':guildId'].members.$get({ param: { guildId: guildId }, query: { pageSize: '100' } }))).then((r) => new Map(r.members.map((m) => [m.id, displayName(m)])));

/**
 * Names for user ids: from the shared directory first, then one (cached) read per id it lacks;
 * users who are no longer members read "name (left)". Unknown ids keep no name.
 */
export async function memberNames(guildId: string, ids: string[]): Promise<Record<string, string>> {
  const dir = await memberDirectory(guildId).catch(() => new Map<string, string>());
  const out: Record<string, string> = {};
  await Promise.all(
    [...new Set(ids)].map(async (id) => {
      const known = dir.get(id);
      if (known) out[id] = known;
      else
        await cachedApi(`/api/guilds/${guildId}/users/${id}`, 300_000, () => json(core.guilds[':guildId'].users[':userId'].$get({ param: { guildId, userId: id } }))).then(
          (u) => (out[id] = `${u.nick ?? u.globalName ?? u.username}${u.member ? '' : ' (left)'}`),
          () => {},
        );
    }),
  );
  return out;
}

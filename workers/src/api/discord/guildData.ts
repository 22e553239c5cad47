import type { REST } from '@discordjs/rest';
import type { Redis } from '@upstash/redis/cloudflare';
import {
  Routes,
  type APIBan,
  type APIGuild,
  type APIGuildMember,
  type APIRole,
} from 'discord-api-types/v10';
import { HttpError } from '../../errors';
import { discordCall } from './botRest';
import { discordCache } from '../../lib/discordCache';
import type { AnyGuildChannel } from './mappers';

/** Most members read for the list (one Discord page); larger guilds are flagged `truncated`. */
export const MEMBER_PAGE = 1000;

type Deps = { rest: REST; redis: Redis; guildId: string };

/**
 * A member as cached: the fields our API reads, as a tuple (user id, username, global name,
 * user avatar, bot, nick, member avatar, roles, joined at, timeout until). A thousand full
 * members are ~4× the bytes, and every list request reads and parses them again: CPU measured
 * against the 10 ms budget (issue 11).
 */
type PackedMember = [string, string, string | null, string | null, 0 | 1, string | null, string | null, string[], string | null, string | null];

function packMember(m: APIGuildMember): PackedMember {
  const u = m.user;
  return [u.id, u.username, u.global_name ?? null, u.avatar ?? null, u.bot ? 1 : 0, m.nick ?? null, m.avatar ?? null, m.roles, m.joined_at, m.communication_disabled_until ?? null];
}

function unpackMember(p: PackedMember | APIGuildMember): APIGuildMember {
  // A list cached by a version before the packing (for the 30 s after a deploy).
  if (!Array.isArray(p)) return p;
  const [id, username, globalName, userAvatar, bot, nick, avatar, roles, joinedAt, timeoutUntil] = p;
  return {
    user: { id, username, global_name: globalName, avatar: userAvatar, discriminator: '0', ...(bot === 1 && { bot: true }) },
    nick, avatar, roles, joined_at: joinedAt, communication_disabled_until: timeoutUntil, deaf: false, mute: false, flags: 0,
  } as unknown as APIGuildMember;
}

/** Cached Discord reads of one guild (30 s; our writes drop them). */
export const guildData = {
  guild: ({ rest, redis, guildId }: Deps) =>
    discordCache.read(redis, guildId, 'guild', () => discordCall<APIGuild>(() => rest.get(Routes.guild(guildId), { query: new URLSearchParams({ with_counts: 'true' }) }))),
  channels: ({ rest, redis, guildId }: Deps) =>
    discordCache.read(redis, guildId, 'channels', () => discordCall<AnyGuildChannel[]>(() => rest.get(Routes.guildChannels(guildId)))),
  roles: ({ rest, redis, guildId }: Deps) => discordCache.read(redis, guildId, 'roles', () => discordCall<APIRole[]>(() => rest.get(Routes.guildRoles(guildId)))),
  members: async ({ rest, redis, guildId }: Deps): Promise<APIGuildMember[]> =>
    (
      await discordCache.read<(PackedMember | APIGuildMember)[]>(redis, guildId, 'members', async () =>
        (await discordCall<APIGuildMember[]>(() => rest.get(Routes.guildMembers(guildId), { query: new URLSearchParams({ limit: String(MEMBER_PAGE) }) }))).map(packMember),
        { stamped: true },
      )
    ).map(unpackMember),
  bans: ({ rest, redis, guildId }: Deps) => discordCache.read(redis, guildId, 'bans', () => discordCall<APIBan[]>(() => rest.get(Routes.guildBans(guildId)))),

  /** One member, fresh from Discord (404 `NotFound` when not in the guild). */
  member: ({ rest, guildId }: Deps, userId: string) => discordCall<APIGuildMember>(() => rest.get(Routes.guildMember(guildId, userId))),

  /** A channel of THIS guild (`fresh`: read from Discord, not the cache): ids of another guild's channels are 404, so one guild's access cannot touch another's. */
  async channel(d: Deps, channelId: string, opts: { fresh?: boolean } = {}): Promise<AnyGuildChannel> {
    // `fresh`: permission decisions read the overwrites as they are now, not as cached.
    const found = opts.fresh ? undefined : (await guildData.channels(d)).find((ch) => ch.id === channelId);
    if (found) return found;
    const fresh = await discordCall<AnyGuildChannel>(() => d.rest.get(Routes.channel(channelId))).catch((err: unknown) => {
      // Missing Access (the bot cannot see it) is said as such, not as "no such channel".
      if (err instanceof HttpError && err.status === 403) throw err;
      return null;
    });
    if (!fresh || fresh.guild_id !== d.guildId) throw new HttpError(404, 'No such channel in this server', { code: 'NotFound' });
    return fresh;
  },

  /** A role of this guild (404 otherwise). */
  async role(d: Deps, roleId: string): Promise<APIRole> {
    let found = (await guildData.roles(d)).find((r) => r.id === roleId);
    if (!found) {
      // Not in the cached list: it may have been created on Discord since; read once more.
      await discordCache.forget(d.redis, d.guildId, 'roles');
      found = (await guildData.roles(d)).find((r) => r.id === roleId);
    }
    if (!found) throw new HttpError(404, 'No such role in this server', { code: 'NotFound' });
    return found;
  },
};

import { Routes, type APIGuildMember } from 'discord-api-types/v10';
import { botUserId } from '../../../api/discord/botUser';
import { discordCall } from '../../../api/discord/botRest';
import { guildData } from '../../../api/discord/guildData';
import { HttpError } from '../../../errors';
import { getRedis } from '../../../lib/redis';
import { GuildAuthority, type GuildFacts } from '../../../permissions';
import type { ModerationServices } from '../ModerationServices';

const deps = (m: ModerationServices) => ({ rest: m.rest, redis: getRedis(m.appConfig), guildId: m.guildId, config: m.appConfig });

/** The guild's owner and roles as permission checks need them (Discord reads, cached 30 s). */
export async function guildFacts(m: ModerationServices, ownerId?: string): Promise<GuildFacts> {
  const d = deps(m);
  const [owner, roles] = await Promise.all([ownerId ?? guildData.guild(d).then((g) => g.owner_id), guildData.roles(d)]);
  return { guildId: m.guildId, ownerId: owner, roles };
}

/** A member as Discord has them now, or null when they are not in the server. */
export async function fetchMember(m: ModerationServices, userId: string): Promise<APIGuildMember | null> {
  return discordCall<APIGuildMember>(() => m.rest.get(Routes.guildMember(m.guildId, userId))).catch((err: unknown) => {
    if (err instanceof HttpError && err.status === 404) return null;
    throw err;
  });
}

/** The bot's own authority in the guild (its roles read fresh): what Discord will let it do. */
export async function botAuthorityOf(m: ModerationServices, facts: GuildFacts): Promise<GuildAuthority> {
  const botId = await botUserId(deps(m));
  const member = await fetchMember(m, botId);
  return new GuildAuthority(facts, member ? { userId: botId, roles: member.roles } : null);
}

/** The server's name (cached read), for DMs. */
export async function guildName(m: ModerationServices): Promise<string> {
  return (await guildData.guild(deps(m)).catch(() => null))?.name ?? 'the server';
}

/**
 * A channel of this guild (404 for another guild's), with its overwrites as they are now; with
 * `fresh: false` from the guild's channel list (cached 30 s), which also holds channels the bot
 * cannot open (a fresh read of those is Discord's 403).
 */
export async function channelOf(m: ModerationServices, channelId: string, fresh = true) {
  return guildData.channel(deps(m), channelId, { fresh });
}

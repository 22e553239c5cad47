import type { Context } from 'hono';
import type { AuthEnv } from '../../auth/AuthEnv';
import { HttpError } from '../../errors';
import { GuildAuthority } from '../../permissions';
import { deps } from '../deps';
import { botUserId } from '../discord/botUser';
import { guildData } from '../discord/guildData';

const memo = new WeakMap<Context, Promise<GuildAuthority>>();

/**
 * The bot's own {@link GuildAuthority} on the route's guild: the same permission code path as
 * the acting admin's, with the bot as actor, so "can the bot do or see this" is answered the
 * way Discord answers it. A bot that is not in the guild holds nothing (every check fails).
 * Built once per request.
 */
export function botAuthority(c: Context<AuthEnv>): Promise<GuildAuthority> {
  let found = memo.get(c);
  if (!found) {
    found = (async () => {
      const d = deps(c);
      const botId = await botUserId(d);
      const [guild, roles, member] = await Promise.all([
        guildData.guild(d),
        guildData.roles(d),
        guildData.member(d, botId).catch((err: unknown) => {
          if (err instanceof HttpError && err.status === 404) return null;
          throw err;
        }),
      ]);
      return new GuildAuthority({ guildId: d.guildId, ownerId: guild.owner_id, roles }, member ? { userId: botId, roles: member.roles } : null);
    })();
    memo.set(c, found);
  }
  return found;
}

import type { Context } from 'hono';
import type { AuthEnv } from '../../auth/AuthEnv';
import { HttpError } from '../../errors';
import { GuildAuthority } from '../../permissions';
import { deps } from '../deps';
import { guildData } from '../discord/guildData';

const memo = new WeakMap<Context, Promise<GuildAuthority>>();

/**
 * The acting dashboard user's {@link GuildAuthority} on the route's guild, built once per
 * request from Discord's view (guild owner, roles, and the user's membership read fresh), so
 * the dashboard never lends anyone more than Discord itself would let them do. A user who is
 * not a member of the guild (a grant-only user who left) holds no permission.
 */
export function actorAuthority(c: Context<AuthEnv>): Promise<GuildAuthority> {
  let found = memo.get(c);
  if (!found) {
    found = (async () => {
      const d = deps(c);
      const [guild, roles, member] = await Promise.all([
        guildData.guild(d),
        guildData.roles(d),
        guildData.member(d, c.var.user.id).catch((err: unknown) => {
          if (err instanceof HttpError && err.status === 404) return null;
          throw err;
        }),
      ]);
      return new GuildAuthority({ guildId: d.guildId, ownerId: guild.owner_id, roles }, member ? { userId: c.var.user.id, roles: member.roles } : null);
    })();
    memo.set(c, found);
  }
  return found;
}

import type { MiddlewareHandler } from 'hono';
import { SNOWFLAKE_PATTERN } from '@edge/shared/snowflake';
import type { AuthEnv } from '../../auth/AuthEnv';
import { HttpError } from '../../errors';
import { requestRedis } from '../../lib/redis';
import { atLeast, type AccessLevel } from './levels';
import { resolveGuildAccess } from './resolveGuildAccess';

/**
 * Guards a `/guilds/:guildId/*` route: resolves the caller's level on the guild and refuses
 * (403 `NoGuildAccess`) below `need`. The level lands in `c.var.access`.
 */
export const requireGuildAccess = (need: AccessLevel): MiddlewareHandler<AuthEnv> =>
  async function requireGuildAccess(c, next) {
    const guildId = c.req.param('guildId') ?? '';
    if (!SNOWFLAKE_PATTERN.test(guildId)) {
      throw new HttpError(400, 'Invalid params: guildId must be a Discord id', { code: 'ValidationError' });
    }
    const level = await resolveGuildAccess({ db: c.var.db, redis: requestRedis(c.var.config), config: c.var.config }, c.var.user.id, guildId);
    if (!atLeast(level, need)) {
      throw new HttpError(403, `This action needs the "${need}" access level; you have "${level}"`, { code: 'NoGuildAccess' });
    }
    c.set('access', { guildId, level });
    await next();
  };

import type { MiddlewareHandler } from 'hono';
import type { AuthEnv } from '../../auth/AuthEnv';
import { isInstanceOwner } from '../../auth/loadMe';
import { HttpError } from '../../errors';

/** Only BOT_OWNER_IDS pass (plan changes) → else 403 `NotInstanceOwner`. */
export const requireInstanceOwner = (): MiddlewareHandler<AuthEnv> =>
  async function requireInstanceOwner(c, next) {
    if (!isInstanceOwner(c.var.config, c.var.user.id)) {
      throw new HttpError(403, 'Only the instance owners may do this', { code: 'NotInstanceOwner' });
    }
    await next();
  };

import type { Context } from 'hono';
import type { AuthEnv } from '../auth/AuthEnv';
import { requestRedis } from '../lib/redis';
import { botRest } from './discord/botRest';

/**
 * The request's database, Redis, bot REST client and guild (on guild routes). The database is
 * opened on first use only: many routes answer from the hub, Redis and Discord alone.
 */
export function deps(c: Context<AuthEnv>) {
  const config = c.var.config;
  return {
    config,
    get db() {
      return c.var.db();
    },
    redis: requestRedis(config),
    rest: botRest(config),
    guildId: c.var.access?.guildId ?? '',
  };
}

import type { Context } from 'hono';
import type { AuthEnv } from '../auth/AuthEnv';
import { getRedis } from '../lib/redis';
import { botRest } from './discord/botRest';

/** The request's database, Redis, bot REST client and guild (on guild routes). */
export function deps(c: Context<AuthEnv>) {
  const config = c.var.config;
  return { config, db: c.var.db(), redis: getRedis(config), rest: botRest(config), guildId: c.var.access?.guildId ?? '' };
}

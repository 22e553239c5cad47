import type { MiddlewareHandler } from 'hono';
import { createDb, type Db } from '../lib/db';
import type { AuthEnv } from './AuthEnv';

/**
 * Gives the request a lazily opened database (`c.var.db()`): one pool of ONE connection per
 * request (parallel queries queue on it: one subrequest, one Neon backend), opened only by
 * handlers that query, ended when the response is done (Workers cannot keep sockets).
 */
export const requestDb = (): MiddlewareHandler<AuthEnv> =>
  async function requestDb(c, next) {
    let opened: ReturnType<typeof createDb> | undefined;
    c.set('db', (): Db => (opened ??= createDb(c.var.config, { maxConnections: 1 })).db);
    try {
      await next();
    } finally {
      if (opened) {
        const end = opened.pool.end().catch(() => {});
        try {
          c.executionCtx.waitUntil(end);
        } catch {
          await end; // no execution context (tests, Node): just wait
        }
      }
    }
  };

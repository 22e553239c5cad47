/**
 * Test-only Worker entry used by dev/src/stack/stack.integration.test.ts. It imports only the
 * Worker's database, config and health code (not the whole app), so the local stack's chain
 * (Neon driver → WebSocket proxy → Postgres, Upstash REST, QStash) is tested on its own:
 * - `GET /health`: the Worker's own health sub-app;
 * - `GET /api/__fixture/db?id=` (under /api so wrangler.toml routes it to the Worker, not the assets): drizzle through the Worker's `withDb`, with a committed and a
 *   rolled-back transaction.
 * The Durable Object classes are empty stand-ins because wrangler.toml binds them.
 */
import { DurableObject } from 'cloudflare:workers';
import { eq, inArray } from 'drizzle-orm';
import { Hono } from 'hono';
import { guilds } from '@edge/drizzle/schema';
import { health, readConfig, requestContext, withDb, type AppEnv, type Env } from '@edge/workers/embed';

export class GuildHub extends DurableObject {}
export class ShardCoordinator extends DurableObject {}
export class EventInbox extends DurableObject {}
export class Meter extends DurableObject {}

class Rollback extends Error {}

const app = new Hono<AppEnv>();
app.use('*', requestContext({ sink: () => {} }));
app.route('/health', health);
app.get('/api/__fixture/db', async (c) => {
  const result = readConfig(c.env as Env);
  if (!result.ok) return c.json({ problems: result.problems }, 503);
  const id = c.req.query('id') ?? crypto.randomUUID();
  const out = await withDb(result.config, async (db) => {
    const inside = await db.transaction(async (tx) => {
      await tx.insert(guilds).values({ id: `${id}-a`, name: 'committed' });
      await tx.update(guilds).set({ memberCount: 42 }).where(eq(guilds.id, `${id}-a`));
      return tx.select({ id: guilds.id, memberCount: guilds.memberCount }).from(guilds).where(eq(guilds.id, `${id}-a`));
    });
    let rolledBack = false;
    try {
      await db.transaction(async (tx) => {
        await tx.insert(guilds).values({ id: `${id}-b`, name: 'rolled back' });
        throw new Rollback();
      });
    } catch (err) {
      rolledBack = err instanceof Rollback;
    }
    const after = await db
      .select({ id: guilds.id, memberCount: guilds.memberCount })
      .from(guilds)
      .where(inArray(guilds.id, [`${id}-a`, `${id}-b`]));
    return { inside, rolledBack, after };
  });
  return c.json(out);
});

export default app;

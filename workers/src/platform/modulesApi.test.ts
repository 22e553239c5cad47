import { randomInt } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { MIGRATIONS_FOLDER } from '@edge/drizzle';
import { drizzle as drizzleNode } from 'drizzle-orm/node-postgres';
import { migrate as migrateNode } from 'drizzle-orm/node-postgres/migrator';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onError } from '../errors';
import type { Db } from '../lib/db';
import { requestContext } from '../middleware/request-context';
import type { AppEnv } from '../types';
import { createModulesApi } from './modulesApi';
import { inProcessHub } from '../api/testing/inProcessHub';
import { createPlanApi } from './planApi';
import { registry } from './registry';
import { fieldsMissingMeta, type JsonSchemaNode } from './moduleJsonSchema';

/** PGlite, and this machine's real Postgres when TEST_DATABASE_URL is set (CI). */
const targets: [string, string | undefined][] = [['PGlite', undefined]];
if (process.env.TEST_DATABASE_URL) targets.push(['TEST_DATABASE_URL', process.env.TEST_DATABASE_URL]);

describe.each(targets)('modules API on %s', (_name, databaseUrl) => {
  // A guild id of this run only: a real database is shared between runs.
  const GUILD = String(100_000_000_000_000_000n + BigInt(randomInt(1, 2 ** 47)));
  let close: () => Promise<void>;
  let app: Hono<AppEnv>;

  beforeAll(async () => {
    let db: Db;
    if (databaseUrl) {
      const pool = new pg.Pool({ connectionString: databaseUrl });
      const ndb = drizzleNode(pool);
      await migrateNode(ndb, { migrationsFolder: MIGRATIONS_FOLDER });
      db = ndb as unknown as Db;
      close = () => pool.end();
    } else {
      const client = await PGlite.create();
      const pdb = drizzle(client);
      await migrate(pdb, { migrationsFolder: MIGRATIONS_FOLDER });
      db = pdb as unknown as Db;
      close = () => client.close();
    }
    const GUILD_HUB = inProcessHub({ db });
    const config = { DATABASE_URL: 'postgres://unused', BOT_OWNER_IDS: '999999999999999999' };
    app = new Hono<AppEnv>();
    app.use('*', requestContext({ sink: () => {} }));
    app.use('*', async (c, next) => { c.set('config', config as never); await next(); });
    const actorId = (c: { req: { header(n: string): string | undefined } }) => c.req.header('x-test-user') ?? null;
    const modules = createModulesApi({ actorId });
    app.route('/api/guilds/:guildId/modules', modules);
    app.route('/api/guilds/:guildId/plan', createPlanApi({ actorId }));
    app.onError(onError);
    (globalThis as { __env?: unknown }).__env = { GUILD_HUB };
  });

  afterAll(async () => close?.());

  const call = (method: string, path: string, body?: unknown, user = '123456789012345678') =>
    app.request(`/api/guilds/${GUILD}${path}`, { method, headers: { 'content-type': 'application/json', 'x-test-user': user }, body: body === undefined ? undefined : JSON.stringify(body) }, (globalThis as { __env?: never }).__env);

  describe('modules API', () => {
    it('lists modules with plan limits and usage', async () => {
      const res = await call('GET', '/modules');
      expect(res.status).toBe(200);
      const json = (await res.json()) as { plan: string; modules: { id: string; enabled: boolean; limits: Record<string, unknown> }[] };
      expect(json.plan).toBe('free');
      expect(json.modules.find((m) => m.id === 'welcome')).toMatchObject({ enabled: false, limits: { embeds: { limit: 0, used: 0 }, autoroles: { limit: 1, used: 0 } } });
    });

    it('serves each module config as JSON Schema whose every field has a title and a description', async () => {
      for (const def of registry.all()) {
        const res = await call('GET', `/modules/${def.id}`);
        const json = (await res.json()) as { schema: JsonSchemaNode };
        expect(json.schema.type).toBe('object');
        expect(fieldsMissingMeta(json.schema), def.id).toEqual([]);
      }
      const welcome = ((await (await call('GET', '/modules/welcome')).json()) as { schema: JsonSchemaNode }).schema;
      expect(welcome.properties?.channelId).toMatchObject({ title: 'Welcome channel', anyOf: [{ widget: 'channel' }, { type: 'null' }] });
      expect(welcome.properties?.embed).toMatchObject({ showIf: { messageType: 'embed' } });
      expect(fieldsMissingMeta({ type: 'object', properties: { a: { type: 'string', title: 'A' }, b: { type: 'array', title: 'B', description: 'b', items: { type: 'object', properties: { c: { type: 'number' } } } } } })).toEqual(['a', 'b.[].c']);
    });

    it('answers typed 4xx errors for unknown modules, bad config, limits, bad JSON', async () => {
      expect(((await (await call('POST', '/modules/nope/enable')).json()) as { code: string }).code).toBe('ModuleNotFound');
      const bad = await call('PUT', '/modules/welcome/config', { config: { channelId: 'general' } });
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { code: string }).code).toBe('ModuleConfigInvalid');
      const over = await call('PUT', '/modules/welcome/config', { config: { messageType: 'embed' } });
      expect([over.status, ((await over.json()) as { code: string }).code]).toEqual([403, 'ModuleLimitExceeded']);
      const junk = await app.request(`/api/guilds/${GUILD}/modules/welcome/config`, { method: 'PUT', body: '{oops' }, (globalThis as { __env?: never }).__env);
      expect(junk.status).toBe(400);
      expect((await call('GET', '/modules')).status).toBe(200);
      expect((await app.request('/api/guilds/notanid/modules', {}, (globalThis as { __env?: never }).__env)).status).toBe(400);
    });

    it('enables, configures with optimistic version, disables', async () => {
      const en = await call('POST', '/modules/welcome/enable', { config: { channelId: '222222222222222222' } });
      expect(en.status).toBe(200);
      const { state } = (await en.json()) as { state: { version: number } };
      const stale = await call('PUT', '/modules/welcome/config', { config: {}, expectedVersion: state.version - 1 });
      expect([stale.status, ((await stale.json()) as { code: string }).code]).toEqual([409, 'ModuleVersionConflict']);
      expect((await call('PUT', '/modules/welcome/config', { config: { channelId: '333333333333333333' }, expectedVersion: state.version })).status).toBe(200);
      expect((await call('POST', '/modules/welcome/disable')).status).toBe(200);
      // As the dashboard's switch sends it: an empty POST (Content-Length: 0) without a content type.
      const bare = await app.request(`/api/guilds/${GUILD}/modules/welcome/enable`, { method: 'POST', headers: { 'x-test-user': '123456789012345678' }, body: new Uint8Array(0) }, (globalThis as { __env?: never }).__env);
      expect(bare.status).toBe(200);
      expect((await call('POST', '/modules/welcome/disable')).status).toBe(200);
    });

    it('lets only bot owners change the plan; premium unlocks embeds', async () => {
      const denied = await call('PUT', '/plan', { plan: 'premium' });
      expect([denied.status, ((await denied.json()) as { code: string }).code]).toEqual([403, 'NotBotOwner']);
      expect((await call('PUT', '/plan', { plan: 'gold' }, '999999999999999999')).status).toBe(400);
      expect((await call('PUT', '/plan', { plan: 'premium' }, '999999999999999999')).status).toBe(200);
      expect((await call('PUT', '/modules/welcome/config', { config: { messageType: 'embed' } })).status).toBe(200);
    });
  });
});

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PGlite } from '@electric-sql/pglite';
import { MIGRATIONS_FOLDER } from '@edge/drizzle';
import { REST } from '@discordjs/rest';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config, Env } from '../../../env';
import type { Db } from '../../../lib/db';
import { createLogger } from '@edge/shared/log';
import { startSimRest, type SimRest } from '../../../platform/testing/startSimRest';
import { cases } from '../data/cases';
import { sweepOverdue } from './sweepOverdue';

/**
 * The cron's safety net for a lost expiry job: a temporary ban past its end (no job ever came)
 * is lifted by the sweep, with the bot's own checks, against the simulator's REST API.
 */
let client: PGlite;
let db: Db;
let sim: SimRest;
/** Redis answering every command with a miss: the Discord reads go to the simulator. */
let cacheMiss: Server;
let redisUrl: string;
beforeAll(async () => {
  cacheMiss = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"result":null}'));
  await new Promise<void>((r) => cacheMiss.listen(0, '127.0.0.1', r));
  redisUrl = `http://127.0.0.1:${(cacheMiss.address() as AddressInfo).port}`;
  sim = await startSimRest(6);
  client = await PGlite.create();
  const pdb = drizzle(client);
  await migrate(pdb, { migrationsFolder: MIGRATIONS_FOLDER });
  db = pdb as unknown as Db;
});
afterAll(async () => {
  await new Promise((r) => cacheMiss?.close(r));
  await client?.close();
  await sim?.close();
});

describe('sweepOverdue', () => {
  it('lifts a temporary ban whose job never came, records the unban, and leaves cases not yet due', async () => {
    const guildId = sim.demo.guildId;
    const [late, early] = [sim.demo.memberIds[3]!, sim.demo.memberIds[4]!];
    sim.state.bans.add(guildId, late);
    sim.state.bans.add(guildId, early);
    const now = new Date();
    const past = await cases.create(db, guildId, { type: 'ban', actorId: sim.demo.ownerId, targetId: late, reason: 'x', durationSeconds: 60, expiresAt: new Date(now.getTime() - 3_600_000), source: 'command' });
    await cases.create(db, guildId, { type: 'ban', actorId: sim.demo.ownerId, targetId: early, reason: 'y', durationSeconds: 60, expiresAt: new Date(now.getTime() - 60_000), source: 'command' });
    const state = { guildId, plan: 'free', guild: null, modules: { moderation: { enabled: true, config: {}, version: 1, updatedAt: now.toISOString() } } };
    const env = { GUILD_HUB: { idFromName: (n: string) => n, get: () => ({ getState: async () => state }) } } as unknown as Env;
    const appConfig = { DISCORD_APPLICATION_ID: sim.app.id, UPSTASH_REDIS_REST_URL: redisUrl, UPSTASH_REDIS_REST_TOKEN: 'x' } as unknown as Config;
    const rest = new REST({ api: sim.api, retries: 0 }).setToken(sim.app.botToken);
    const jobs = { schedule: async () => { throw new Error('no job expected'); } };
    const ended = await sweepOverdue({ env, appConfig, db, log: createLogger({}, () => {}), now, rest, jobs });
    expect(ended).toBe(1);
    expect(sim.state.bans.list(guildId).map((b) => b.user.id)).toEqual([early]);
    expect(await cases.get(db, guildId, past.number)).toMatchObject({ active: false, liftedBy: sim.app.botUserId });
    const [unban] = await cases.list(db, guildId, { targetId: late });
    expect(unban).toMatchObject({ type: 'unban', source: 'system', actorId: sim.app.botUserId, reason: `Temporary ban ended (case #${past.number})` });
    expect(await sweepOverdue({ env, appConfig, db, log: createLogger({}, () => {}), now, rest, jobs })).toBe(0);
  });
});

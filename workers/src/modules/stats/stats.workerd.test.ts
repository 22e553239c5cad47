import { createHmac } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '@edge/dev';
import { freePort, makeTestVars, simulatorVars, startTestWorker, type FullSystem, type TestWorker } from '@edge/dev/testing';
import { startSimulator, type Simulator } from '@edge/simulator';
import { loginDashboard, type DashboardSession } from '../../platform/testing/dashboardSession';

/**
 * Stats on the real path in workerd: events through `/ingest` are counted in the guild hub's
 * Durable Object SQLite; the dashboard API is exact before any flush and after the hub flushed
 * to Postgres (through the route, and on its own through the DO alarm, every minute here);
 * a re-delivered batch changes nothing.
 */
const SECRET = 'stats-hub-shard-secret-0123456789';
let stack: LocalStack;
let sim: Simulator;
let worker: TestWorker;
let session: DashboardSession;
let db: pg.Client;

beforeAll(async () => {
  [stack, sim] = await Promise.all([startLocalStack(), startSimulator({ port: 0, members: 20, oauthAutoApprove: false })]);
  const port = await freePort();
  const publicUrl = `http://localhost:${port}`;
  worker = await startTestWorker({ port, vars: makeTestVars(stack, { ...simulatorVars(sim), SHARD_SECRET: SECRET, PUBLIC_URL: publicUrl, BOT_OWNER_IDS: sim.owner.id, STATS_FLUSH_MINUTES: '1' }) });
  session = await loginDashboard({ publicUrl, worker } as unknown as FullSystem);
  db = new pg.Client({ connectionString: stack.databaseUrl });
  await db.connect();
});
afterAll(async () => {
  await db?.end();
  await worker?.stop();
  await sim?.stop();
  await stack?.stop();
});

async function ingest(batchId: string, events: unknown[]): Promise<void> {
  const body = JSON.stringify({ batchId, events });
  const ts = String(Date.now());
  const signature = `v1=${createHmac('sha256', SECRET).update(`${ts}.${body}`).digest('hex')}`;
  const res = await fetch(`${worker.url}/ingest`, { method: 'POST', body, headers: { 'content-type': 'application/json', 'x-shard-timestamp': ts, 'x-shard-signature': signature } });
  expect(res.status).toBe(200);
}

describe('Stats in the guild hub (workerd)', () => {
  it('answers exactly from the hub before a flush, and from Postgres after the flush route and the DO alarm', async () => {
    const guildId = sim.guildId;
    const g = sim.state.guild(guildId);
    await ingest('create', [{ id: 'sh:create', type: 'GUILD_CREATE', guildId, payload: { id: guildId, name: g.name, icon: null, owner_id: g.owner_id, member_count: 20, joined_at: new Date().toISOString() } }]);
    expect((await session.api('POST', `/guilds/${guildId}/modules/stats/enable`, {})).status).toBe(200);
    const members = Object.keys(g.members).filter((id) => id !== sim.application.botUserId).slice(0, 3);
    const channel = Object.values(sim.state.data.channels).find((c) => 'guild_id' in c && c.guild_id === guildId && c.name === 'general')!.id;
    const voice = Object.values(sim.state.data.channels).find((c) => 'guild_id' in c && c.guild_id === guildId && c.type === 2)!.id;
    const t = Date.now() - 600_000;
    const at = (s: number) => t + s * 1000;
    const msg = (i: number, userId: string) => ({ id: `sh:m${i}`, type: 'MESSAGE_CREATE', guildId, receivedAt: at(i), payload: { id: `9${i}`, guild_id: guildId, channel_id: channel, author: { id: userId, bot: false } } });
    const vs = (i: number, channelId: string | null) => ({ id: `sh:v${i}`, type: 'VOICE_STATE_UPDATE', guildId, receivedAt: at(i), payload: { guild_id: guildId, channel_id: channelId, user_id: members[2] } });
    const batch = [msg(1, members[0]!), msg(2, members[0]!), msg(3, members[1]!), vs(4, voice), vs(94, null)];
    await ingest('b1', batch);
    const overview = async () => {
      const r = await session.api<{ overview: { messages: number; voiceSeconds: number; activeMembers: number } }>('GET', `/guilds/${guildId}/modules/stats/overview?days=1`);
      expect(r.status).toBe(200);
      return r.body.overview;
    };
    // Processing runs after the ack (waitUntil): wait for the hub to count it.
    await expect.poll(async () => (await overview()).messages, { timeout: 15_000, interval: 500 }).toBe(3);
    expect(await overview()).toMatchObject({ messages: 3, voiceSeconds: 90, activeMembers: 3 });
    const totals = async () => Number((await db.query('SELECT coalesce(sum(messages), 0)::int AS n FROM stats_member_totals WHERE guild_id = $1', [guildId])).rows[0].n);
    // (The minute's alarm may have flushed already: Postgres holds all of it or none.)
    expect([0, 3]).toContain(await totals());

    const flushed = await session.api<{ statements: number; pending: boolean }>('POST', `/guilds/${guildId}/modules/stats/flush`);
    expect(flushed.status).toBe(200);
    expect(flushed.body.pending).toBe(false);
    expect(await totals()).toBe(3);
    expect(await overview()).toMatchObject({ messages: 3, voiceSeconds: 90, activeMembers: 3 });

    // The shard re-sends the batch (new batch id, same event ids): nothing more is counted.
    await ingest('b1-again', batch);
    await ingest('b2', [msg(5, members[1]!)]);
    await expect.poll(async () => (await overview()).messages, { timeout: 15_000, interval: 500 }).toBe(4);
    // No manual flush now: the hub's alarm (next wall-clock minute) moves it to Postgres.
    await expect.poll(totals, { timeout: 80_000, interval: 1_000 }).toBe(4);
    expect(await overview()).toMatchObject({ messages: 4, voiceSeconds: 90, activeMembers: 3 });
    const board = await session.api<{ entries: { userId: string; value: number }[] }>('GET', `/guilds/${guildId}/modules/stats/leaderboard?metric=messages`);
    expect(board.body.entries.map((e) => [e.userId, e.value])).toEqual([[members[0], 2], [members[1], 2]].sort((a, b) => String(a[0]).localeCompare(String(b[0]))));
  });
});

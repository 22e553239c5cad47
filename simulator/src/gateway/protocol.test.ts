import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ApplicationFlags, GatewayIntentBits as I } from 'discord-api-types/v10';
import { inflateSync, constants as zlibConstants } from 'node:zlib';
import { WebSocket } from 'ws';
import { startGatewayHarness, type GatewayHarness } from './testing/startGatewayHarness.js';
import { RawGatewayClient } from './testing/RawGatewayClient.js';

describe('gateway protocol (raw WebSocket)', () => {
  let h: GatewayHarness;
  const clients: RawGatewayClient[] = [];
  const connect = (query = '?v=10&encoding=json') => {
    const c = new RawGatewayClient(`${h.gateway.url}${query}`);
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    h = await startGatewayHarness({
      appFlags: ApplicationFlags.GatewayGuildMembersLimited,
      gateway: { heartbeatIntervalMs: 300, identifyWindowMs: 0, sendLimit: { count: 10, windowMs: 60_000 } },
    });
  });
  afterEach(() => {
    while (clients.length) clients.pop()!.close();
  });
  afterAll(async () => h.close());

  it('sends Hello, READY with the demo guild unavailable, then its GUILD_CREATE', async () => {
    const c = connect();
    await c.until(() => c.received.length >= 1);
    expect(c.received[0]).toMatchObject({ op: 10, d: { heartbeat_interval: 300 } });
    c.identify(h.app.botToken, I.Guilds | I.GuildMembers);
    await c.until(() => c.dispatches.length >= 2);
    const [ready, guildCreate] = c.dispatches;
    expect(ready).toMatchObject({ t: 'READY', s: 1, d: { v: 10, user: { id: h.app.botUserId, bot: true }, guilds: [{ id: h.demo.guildId, unavailable: true }], shard: [0, 1], application: { id: h.app.id } } });
    expect(ready!.d.resume_gateway_url).toBe(`${h.gateway.url}/resume`);
    expect(guildCreate).toMatchObject({ t: 'GUILD_CREATE', s: 2, d: { id: h.demo.guildId, member_count: 22 } });
    expect(guildCreate!.d.members).toHaveLength(22); // 20 members + owner + bot, GUILD_MEMBERS granted
    expect(guildCreate!.d.channels.length).toBeGreaterThan(5);
  });

  it('answers heartbeats with ACK, and closes a connection that stops heartbeating with 4009', async () => {
    const c = connect();
    c.send({ op: 1, d: null });
    await c.until(() => c.received.some((p) => p.op === 11));
    expect(await c.closed(3_000)).toBe(4009);
  });

  it.each([
    ['bad token', 4004, (c: RawGatewayClient) => c.identify('nope', 1)],
    ['invalid shard', 4010, (c: RawGatewayClient) => c.identify(h.app.botToken, 1, { shard: [2, 2] })],
    ['undefined intent bit', 4013, (c: RawGatewayClient) => c.identify(h.app.botToken, 1 << 30)],
    ['privileged intent not enabled (MESSAGE_CONTENT)', 4014, (c: RawGatewayClient) => c.identify(h.app.botToken, I.Guilds | I.MessageContent)],
    ['invalid JSON', 4002, (c: RawGatewayClient) => c.send('{nope')],
    ['payload before identify', 4003, (c: RawGatewayClient) => c.send({ op: 8, d: { guild_id: '1' } })],
    ['unknown opcode', 4001, (c: RawGatewayClient) => c.send({ op: 99, d: null })],
  ])('%s → close %i', async (_name, code, act) => {
    const c = connect();
    await c.until(() => c.received.length >= 1);
    act(c);
    expect(await c.closed()).toBe(code);
  });

  it('closes 4005 on a second identify and 4012 on an unsupported API version', async () => {
    const c = connect();
    c.identify(h.app.botToken, I.Guilds);
    await c.until(() => c.dispatches.length >= 1);
    c.identify(h.app.botToken, I.Guilds);
    expect(await c.closed()).toBe(4005);
    expect(await connect('?v=5&encoding=json').closed()).toBe(4012);
  });

  it('closes 4008 past the send limit', async () => {
    const c = connect();
    for (let i = 0; i < 11; i++) c.send({ op: 1, d: null });
    expect(await c.closed()).toBe(4008);
  });

  it('compress=zlib-stream sends binary zlib frames ending with a sync flush', async () => {
    const ws = new WebSocket(`${h.gateway.url}?v=10&encoding=json&compress=zlib-stream`);
    try {
      const [data, isBinary] = await new Promise<[Buffer, boolean]>((r) => ws.once('message', (d, b) => r([d as Buffer, b])));
      expect(isBinary).toBe(true);
      expect([...data.subarray(-4)]).toEqual([0, 0, 0xff, 0xff]);
      const hello = JSON.parse(inflateSync(data, { finishFlush: zlibConstants.Z_SYNC_FLUSH }).toString());
      expect(hello).toMatchObject({ op: 10, d: { heartbeat_interval: 300 } });
    } finally {
      ws.terminate();
    }
  });

  it('refuses etf encoding at the upgrade with a clear error', async () => {
    const c = connect('?v=10&encoding=etf');
    const status = await new Promise<number>((resolve) => c.onUnexpectedResponse(resolve));
    expect(status).toBe(400);
  });

  it('resume: unknown session → op 9 false; seq ahead → 4007; known session replays exactly what was missed', async () => {
    const bad = connect();
    bad.send({ op: 6, d: { token: h.app.botToken, session_id: 'nope', seq: 1 } });
    await bad.until(() => bad.received.some((p) => p.op === 9));
    expect(bad.received.find((p) => p.op === 9)!.d).toBe(false);

    const a = connect();
    a.identify(h.app.botToken, I.Guilds | I.GuildMessages);
    await a.until(() => a.dispatches.length >= 2);
    const sessionId = a.dispatches[0]!.d.session_id as string;
    const general = h.demo.channels['general']!;
    h.state.messages.create(general, { authorId: h.demo.memberIds[0]!, content: 'before drop' });
    await a.until(() => a.dispatches.length >= 3);
    const lastSeen = a.dispatches.at(-1)!.s!;
    h.gateway.dropConnections({ sessionId });
    const missed = [1, 2, 3].map((i) => h.state.messages.create(general, { authorId: h.demo.memberIds[1]!, content: `missed ${i}` }).id);

    const ahead = connect(`/resume?v=10&encoding=json`);
    ahead.send({ op: 6, d: { token: h.app.botToken, session_id: sessionId, seq: lastSeen + 99 } });
    expect(await ahead.closed()).toBe(4007);

    const b = connect(`/resume?v=10&encoding=json`);
    b.send({ op: 6, d: { token: h.app.botToken, session_id: sessionId, seq: lastSeen } });
    await b.until(() => b.dispatches.some((p) => p.t === 'RESUMED'));
    const replay = b.dispatches.filter((p) => p.t !== 'RESUMED');
    expect(replay.map((p) => p.d.id)).toEqual(missed);
    expect(replay.map((p) => p.s)).toEqual([lastSeen + 1, lastSeen + 2, lastSeen + 3]);
    expect(b.dispatches.at(-1)!.s).toBe(lastSeen + 4);
  });

  it('identify faster than max_concurrency allows → op 9 (not resumable)', async () => {
    const strict = await startGatewayHarness({ gateway: { identifyWindowMs: 60_000 } });
    const a = new RawGatewayClient(`${strict.gateway.url}?v=10&encoding=json`);
    const b = new RawGatewayClient(`${strict.gateway.url}?v=10&encoding=json`);
    try {
      a.identify(strict.app.botToken, I.Guilds);
      await a.until(() => a.dispatches.length >= 1);
      b.identify(strict.app.botToken, I.Guilds);
      await b.until(() => b.received.some((p) => p.op === 9));
      expect(b.received.find((p) => p.op === 9)!.d).toBe(false);
      expect(strict.gateway.botInfo(strict.app.id).session_start_limit).toMatchObject({ total: 1000, remaining: 999, max_concurrency: 1 });
    } finally {
      a.close();
      b.close();
      await strict.close();
    }
  });

  it('sharding: GUILD_CREATE only on the owning shard; 4011 when a shard holds too many guilds', async () => {
    const expected = Number(BigInt(h.demo.guildId) >> 22n) % 2;
    const shards = [0, 1].map((id) => {
      const c = connect();
      c.identify(h.app.botToken, I.Guilds, { shard: [id, 2] });
      return c;
    });
    await Promise.all(shards.map((c) => c.until(() => c.dispatches.length >= 1)));
    await shards[expected]!.until(() => shards[expected]!.dispatches.length >= 2);
    expect(shards[expected]!.dispatches[0]!.d.guilds).toEqual([{ id: h.demo.guildId, unavailable: true }]);
    expect(shards[1 - expected]!.dispatches[0]!.d.guilds).toEqual([]);
    h.state.messages.create(h.demo.channels['general']!, { authorId: h.demo.memberIds[0]!, content: 'x' });
    await new Promise((r) => setTimeout(r, 100));
    expect(shards[1 - expected]!.dispatches).toHaveLength(1);

    const tight = await startGatewayHarness({ gateway: { maxGuildsPerShard: 0 } });
    const c = new RawGatewayClient(`${tight.gateway.url}?v=10&encoding=json`);
    try {
      c.identify(tight.app.botToken, I.Guilds);
      expect(await c.closed()).toBe(4011);
    } finally {
      c.close();
      await tight.close();
    }
  });

  it('a client close with 1000 ends the session; any other code keeps it resumable', async () => {
    const sessionIdOf = async (c: RawGatewayClient) => {
      c.identify(h.app.botToken, I.Guilds);
      await c.until(() => c.dispatches.length >= 1);
      return c.dispatches[0]!.d.session_id as string;
    };
    const ids = () => h.gateway.sessions().map((x) => x.sessionId);
    const a = connect();
    const normal = await sessionIdOf(a);
    a.closeWith(1000);
    await a.closed();
    const b = connect();
    const abnormal = await sessionIdOf(b);
    b.closeWith(4000);
    await b.closed();
    await new Promise((r) => setTimeout(r, 50));
    expect(ids()).not.toContain(normal);
    expect(h.gateway.sessions().find((x) => x.sessionId === abnormal)).toMatchObject({ connected: false });
  });

  it('op 8 answers GUILD_MEMBERS_CHUNK with the requested members', async () => {
    const c = connect();
    c.identify(h.app.botToken, I.Guilds | I.GuildMembers);
    await c.until(() => c.dispatches.length >= 2);
    c.send({ op: 8, d: { guild_id: h.demo.guildId, user_ids: [h.demo.memberIds[0], '42'], nonce: 'n1' } });
    await c.until(() => c.dispatches.some((p) => p.t === 'GUILD_MEMBERS_CHUNK'));
    const chunk = c.dispatches.find((p) => p.t === 'GUILD_MEMBERS_CHUNK')!.d;
    expect(chunk).toMatchObject({ guild_id: h.demo.guildId, chunk_index: 0, chunk_count: 1, not_found: ['42'], nonce: 'n1' });
    expect(chunk.members.map((m: { user: { id: string } }) => m.user.id)).toEqual([h.demo.memberIds[0]]);
  });

  it('resume after the replay buffer overflowed → op 9 (not resumable)', async () => {
    const small = await startGatewayHarness({ gateway: { replayBufferSize: 3 } });
    const a = new RawGatewayClient(`${small.gateway.url}?v=10&encoding=json`);
    let b: RawGatewayClient | undefined;
    try {
      a.identify(small.app.botToken, I.Guilds | I.GuildMessages);
      await a.until(() => a.dispatches.length >= 2);
      const { session_id } = a.dispatches[0]!.d;
      small.gateway.dropConnections();
      for (let i = 0; i < 5; i++) small.state.messages.create(small.demo.channels['general']!, { authorId: small.demo.memberIds[0]!, content: `m${i}` });
      b = new RawGatewayClient(`${small.gateway.url}/resume?v=10&encoding=json`);
      b.send({ op: 6, d: { token: small.app.botToken, session_id, seq: 2 } });
      await b.until(() => b!.received.some((p) => p.op === 9));
      expect(b.received.find((p) => p.op === 9)!.d).toBe(false);
      expect(b.dispatches).toHaveLength(0);
    } finally {
      a.close();
      b?.close();
      await small.close();
    }
  });
});

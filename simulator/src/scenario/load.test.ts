import { createServer } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { ApplicationFlags, GatewayIntentBits as I } from 'discord-api-types/v10';
import { SimState } from '../state/SimState.js';
import { attachGateway, type SimGateway } from '../gateway/index.js';
import { RawGatewayClient } from '../gateway/testing/RawGatewayClient.js';
import { Scenario, populateGuilds } from './index.js';

const GUILDS = 1_000;
const MEMBERS = 100;
const EVENTS = 10_000;

describe('scenario at load-test scale', () => {
  const server = createServer();
  let gateway: SimGateway | undefined;
  const clients: RawGatewayClient[] = [];
  afterAll(async () => {
    for (const c of clients) c.close();
    await gateway?.close();
    await new Promise<void>((r) => server.close(() => r()));
  });

  it(`holds ${GUILDS} guilds / ${GUILDS * MEMBERS} members in bounded memory and streams ${EVENTS} events to 2 shards`, async () => {
    const heapBefore = process.memoryUsage().heapUsed;
    const t0 = Date.now();
    const state = new SimState();
    const app = state.applications.create({ seed: 'load', flags: ApplicationFlags.GatewayGuildMembers });
    const guildIds = populateGuilds(state, { guilds: GUILDS, membersPerGuild: MEMBERS, botUserId: app.botUserId });
    const built = Date.now() - t0;
    const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6;
    console.info(JSON.stringify({ msg: 'load state built', guilds: GUILDS, members: GUILDS * MEMBERS, ms: built, heapMb: Math.round(heapMb) }));
    expect(Object.keys(state.data.guilds)).toHaveLength(GUILDS);
    expect(heapMb).toBeLessThan(400);

    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    // max_concurrency 2: shards 0 and 1 are in different identify buckets, so both may identify at once.
    gateway = attachGateway(server, state, { heartbeatIntervalMs: 30_000, maxConcurrency: 2 });
    const intents = I.Guilds | I.GuildMembers | I.GuildMessages | I.GuildMessageReactions | I.GuildVoiceStates;
    for (const shard of [0, 1]) {
      const c = new RawGatewayClient(`${gateway.url}?v=10&encoding=json`);
      clients.push(c);
      c.identify(app.botToken, intents, { shard: [shard, 2] });
    }
    await Promise.all(clients.map((c) => c.until(() => c.dispatches.length >= 1 && c.dispatches.length === 1 + c.dispatches[0]!.d.guilds.length, 20_000)));
    const readyGuilds = clients.map((c) => c.dispatches[0]!.d.guilds.length as number);
    expect(readyGuilds[0]! + readyGuilds[1]!).toBe(GUILDS);
    expect(Math.min(...readyGuilds)).toBeGreaterThan(GUILDS / 4);
    // Large guilds (> large_threshold 50): GUILD_CREATE carries only the bot's member.
    expect(clients[0]!.dispatches[1]!.d).toMatchObject({ large: true, member_count: MEMBERS + 1 });
    expect(clients[0]!.dispatches[1]!.d.members).toHaveLength(1);

    const t1 = Date.now();
    const scenario = new Scenario(state, { seed: 9, guildIds });
    await scenario.run(EVENTS);
    const expected = scenario.tally.total;
    const live = () => clients.reduce((n, c) => n + c.dispatches.length, 0) - GUILDS - 2;
    await clients[0]!.until(() => live() >= expected, 30_000);
    const ms = Date.now() - t1;
    console.info(JSON.stringify({ msg: 'load events streamed', events: expected, ms, perSec: Math.round((expected / ms) * 1000), heapMb: Math.round((process.memoryUsage().heapUsed - heapBefore) / 1e6) }));
    expect(live()).toBe(expected);
    expect(gateway.counters.dispatched).toBe(expected + GUILDS + 2);
  });
});

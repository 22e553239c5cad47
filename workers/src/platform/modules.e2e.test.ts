/**
 * Issue 6 "Done when", end to end through the real path: simulator gateway → gateway shard →
 * POST /ingest → processing → Discord REST back into the simulator, driven through the API.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startFullSystem, type FullSystem } from '@edge/dev/testing';
import { Scenario } from '@edge/simulator/scenario';
import { loginDashboard, type DashboardSession } from './testing/dashboardSession';
import { runLockstep, type SharedClock } from './testing/lockstepScenario';

let sys: FullSystem;
let session: DashboardSession;
let db: pg.Client;
let guildId: string;
/** 0 = the real clock; the stats scenario sets a fake time shared with the shard. */
const clock: SharedClock = { now: 0 };

beforeAll(async () => {
  sys = await startFullSystem({
    vars: (sim) => ({ BOT_OWNER_IDS: sim.owner.id }),
    shardEnv: { SHARD_BATCH_MAX_WAIT_MS: 200 },
    shardClock: () => clock.now || Date.now(),
  });
  guildId = sys.sim.guildId;
  db = new pg.Client({ connectionString: sys.stack.databaseUrl });
  await db.connect();
  session = await loginDashboard(sys);
  // The shard's GUILD_CREATE has reached the Worker: the guild row exists.
  await vi.waitFor(async () => {
    if ((await db.query('SELECT 1 FROM guilds WHERE id = $1', [guildId])).rowCount !== 1) throw new Error('guild not stored yet');
  }, { timeout: 20_000, interval: 100 });
}, 120_000);

afterAll(async () => {
  await db?.end();
  await sys?.stop();
});

const g = () => `/guilds/${guildId}`;
const guild = () => sys.sim.state.guild(guildId);
const channelNamed = (name: string) => Object.values(sys.sim.state.data.channels).find((c) => 'guild_id' in c && c.guild_id === guildId && c.name === name)!.id;
const roleNamed = (name: string) => Object.values(guild().roles).find((r) => r.name === name)!.id;
const messagesIn = (channelId: string) => sys.sim.state.data.messages[channelId] ?? [];
async function ok<T>(p: Promise<{ status: number; body: T; text: string }>, status = 200): Promise<T> {
  const r = await p;
  expect(r.status, r.text).toBe(status);
  return r.body;
}

describe.sequential('modules end to end (simulator → shard → ingest → processing → Discord REST)', () => {
  it('Welcome: message with every variable, autoroles with the hierarchy check, leave message', async () => {
    await ok(session.api('PUT', `${g()}/plan`, { plan: 'premium' }));
    const welcome = channelNamed('welcome');
    const [events, verified, admin] = [roleNamed('Events'), roleNamed('Verified'), roleNamed('Admin')];
    await ok(session.api('POST', `${g()}/modules/welcome/enable`, {}));
    await ok(session.api('PUT', `${g()}/modules/welcome/config`, {
      config: {
        channelId: welcome,
        message: 'Hi {user} ({user.name}), welcome to {server}! You are member #{memberCount}.',
        leave: { enabled: true, message: 'Bye {user.name} ({user}) from {server}; we are {memberCount}.' },
        autoroles: [events, verified, admin],
      },
      reason: 'e2e',
    }));
    const hub = await session.hubSocket(guildId);
    try {
      const user = sys.sim.state.users.create({ username: 'e2e_joiner', global_name: 'E2E Joiner' });
      const t0 = Date.now();
      sys.sim.state.members.add(guildId, user.id, {});
      const countAfterJoin = Object.keys(guild().members).length;
      const server = guild().name;
      await expect.poll(() => messagesIn(welcome).find((m) => m.content.includes(`<@${user.id}>`))?.content, { timeout: 10_000 })
        .toBe(`Hi <@${user.id}> (E2E Joiner), welcome to ${server}! You are member #${countAfterJoin}.`);
      expect(Date.now() - t0).toBeLessThan(10_000);

      // Roles below the bot's are given; Admin (above the bot's role) is skipped and reported.
      await expect.poll(() => [...guild().members[user.id]!.roles].sort(), { timeout: 10_000 }).toEqual([events, verified].sort());
      await expect.poll(async () => {
        const log = await ok(session.api<{ entries: { action: string; details: Record<string, unknown> }[] }>('GET', `${g()}/audit-log?action=welcome.autorole`));
        return log.entries.find((e) => e.details.roleId === admin)?.details;
      }, { timeout: 10_000 }).toMatchObject({ level: 'error', userId: user.id, summary: expect.stringContaining("above the bot's highest role") });
      await expect.poll(() => hub.messages.some((m) => {
        const item = m.item as { kind?: string; level?: string; details?: { roleId?: string } } | undefined;
        return m.type === 'event' && item?.kind === 'welcome.autorole' && item.level === 'error' && item.details?.roleId === admin;
      }), { timeout: 10_000 }).toBe(true);

      sys.sim.state.members.remove(guildId, user.id);
      const countAfterLeave = Object.keys(guild().members).length;
      await expect.poll(() => messagesIn(welcome).find((m) => m.content.startsWith('Bye E2E Joiner'))?.content, { timeout: 10_000 })
        .toBe(`Bye E2E Joiner (<@${user.id}>) from ${server}; we are ${countAfterLeave}.`);
      // One message per event, even though processing and the sweep could both see it.
      expect(messagesIn(welcome).filter((m) => m.content.includes(`<@${user.id}>`))).toHaveLength(2);
    } finally {
      hub.close();
    }
  }, 60_000);

  it('Welcome: a 60-join raid: every newcomer welcomed exactly once, in join order', async () => {
    const welcome = channelNamed('welcome');
    const users = Array.from({ length: 60 }, (_, i) => sys.sim.state.users.create({ username: `raider_${i}` }));
    for (const u of users) sys.sim.state.members.add(guildId, u.id, {});
    const welcomed = () => messagesIn(welcome).map((m) => users.findIndex((u) => m.content.includes(`<@${u.id}>`))).filter((i) => i >= 0);
    await expect.poll(() => welcomed().length, { timeout: 30_000 }).toBeGreaterThanOrEqual(60);
    // The shard sends the raid in slices (SHARD_PRIORITY_MAX_EVENTS) that each fit one invocation.
    expect(welcomed()).toEqual(users.map((_, i) => i));
  }, 60_000);

  it('Welcome: a Discord refusal (deleted channel) reaches the audit log', async () => {
    const doomed = sys.sim.state.channels.create(guildId, { name: 'doomed', type: 0 });
    const current = await ok(session.api<{ module: { config: Record<string, unknown> } }>('GET', `${g()}/modules/welcome`));
    await ok(session.api('PUT', `${g()}/modules/welcome/config`, { config: { ...current.module.config, channelId: doomed.id, autoroles: [] } }));
    sys.sim.state.channels.delete(doomed.id);
    const user = sys.sim.state.users.create({ username: 'e2e_second' });
    sys.sim.state.members.add(guildId, user.id, {});
    await expect.poll(async () => {
      const log = await ok(session.api<{ entries: { action: string; details: Record<string, unknown> }[] }>('GET', `${g()}/audit-log?action=welcome.error`));
      return log.entries.find((e) => e.details.channelId === doomed.id)?.details;
    }, { timeout: 10_000 }).toMatchObject({ level: 'error', status: 404, code: 10003 });
    await ok(session.api('POST', `${g()}/modules/welcome/disable`, {}));
  }, 30_000);

  it('Stats: a 5,000+ event scenario through the real ingest equals the scenario tally exactly', async () => {
    await ok(session.api('POST', `${g()}/modules/stats/enable`, {}));
    // The shard forwards only what enabled modules need: wait for the module:change push.
    await expect.poll(() => sys.shard!.shard.policy.wants('VOICE_STATE_UPDATE', guildId), { timeout: 10_000 }).toBe(true);

    // A fake clock 3 h back, 1 s per action (so 5-minute buckets are crossed), shared with the shard.
    clock.now = Math.floor((Date.now() - 3 * 3_600_000) / 1000) * 1000;
    const scenario = new Scenario(sys.sim.state, { seed: 42, guildIds: [guildId], record: true, now: () => clock.now });
    const t0 = Date.now();
    await runLockstep(sys, scenario, clock, { events: 5_200, tickMs: 1_000 });
    clock.now = 0;
    const tally = scenario.tally.guilds[guildId]!;
    expect(scenario.tally.total).toBeGreaterThanOrEqual(5_000);

    // Drained: nothing left in the shard's spool, every stored event delivered by the inbox.
    await vi.waitFor(async () => {
      const inbox = (await (await sys.worker.fetch('/health/inbox')).json()) as { pending: number };
      if (sys.shard!.shard.spool.depth > 0 || inbox.pending > 0) throw new Error(`spool ${sys.shard!.shard.spool.depth}, undelivered ${inbox.pending}`);
    }, { timeout: 60_000, interval: 250 });
    console.log(JSON.stringify({ scenarioEvents: scenario.tally.total, playAndDrainMs: Date.now() - t0 }));

    const ms = (seconds: number) => Math.round(seconds * 1000);
    const stats = `${g()}/modules/stats`;
    const period = 'days=1';
    type Counts = { messages: number; reactions: number; voiceSeconds: number };

    // Overview.
    const members = Object.entries(tally.members);
    const sum = (k: 'messages' | 'reactions' | 'voiceSeconds') => members.reduce((a, [, m]) => a + m[k], 0);
    const active = new Set(scenario.events.filter((e) => !['join', 'leave'].includes(e.type)).map((e) => e.userId));
    const overview = await ok(session.api<{ overview: Counts & { joins: number; leaves: number; activeMembers: number } }>('GET', `${stats}/overview?${period}`));
    const o = overview.overview;
    expect({ messages: o.messages, reactions: o.reactions, joins: o.joins, leaves: o.leaves, voiceSeconds: ms(o.voiceSeconds), activeMembers: o.activeMembers }).toEqual({
      messages: tally.byType.message, reactions: tally.byType.reaction, joins: tally.byType.join, leaves: tally.byType.leave,
      voiceSeconds: ms(sum('voiceSeconds')), activeMembers: active.size,
    });

    // Per channel: messages, reactions, voice time.
    const channels = await ok(session.api<{ channels: ({ channelId: string } & Counts)[] }>('GET', `${stats}/channels?${period}`));
    const byId = (a: { channelId: string }, b: { channelId: string }) => a.channelId.localeCompare(b.channelId);
    expect(channels.channels.map((c) => ({ channelId: c.channelId, messages: c.messages, reactions: c.reactions, voiceMs: ms(c.voiceSeconds) })).sort(byId))
      .toEqual(Object.entries(tally.channels).filter(([, c]) => c.messages || c.reactions || c.voiceSeconds)
        .map(([channelId, c]) => ({ channelId, messages: c.messages, reactions: c.reactions, voiceMs: ms(c.voiceSeconds) })).sort(byId));

    // Every member's messages, reactions and voice (the per-day member rollup, as CSV).
    const csv = await session.api<string>('GET', `${stats}/export.csv?kind=members&${period}`);
    expect(csv.status, csv.text).toBe(200);
    const fromCsv = new Map<string, { messages: number; reactions: number; voiceMs: number }>();
    for (const line of csv.text.trim().split('\n').slice(1)) {
      const [, userId, m, r, v] = line.split(',');
      const acc = fromCsv.get(userId!) ?? { messages: 0, reactions: 0, voiceMs: 0 };
      fromCsv.set(userId!, { messages: acc.messages + Number(m), reactions: acc.reactions + Number(r), voiceMs: acc.voiceMs + ms(Number(v)) });
    }
    const activeTruth = members.filter(([, m]) => m.messages || m.reactions || m.voiceSeconds).map(([id, m]) => [id, { messages: m.messages, reactions: m.reactions, voiceMs: ms(m.voiceSeconds) }]);
    expect(Object.fromEntries([...fromCsv].filter(([, c]) => c.messages || c.reactions || c.voiceMs))).toEqual(Object.fromEntries(activeTruth));

    // The member route (all counters incl. joins and leaves) for a sample: top talkers, joiners, leavers.
    const sample = new Set([
      ...members.filter(([, m]) => m.leaves > 0).slice(0, 8), ...members.filter(([, m]) => m.joins > 0).slice(0, 8),
      ...[...members].sort(([, a], [, b]) => b.voiceSeconds - a.voiceSeconds).slice(0, 8),
    ].map(([id]) => id));
    for (const userId of sample) {
      const m = tally.members[userId]!;
      const s = await ok(session.api<{ totals: Counts & { joins: number; leaves: number }; period: Counts }>('GET', `${stats}/members/${userId}?${period}`));
      expect({ userId, ...s.totals, voiceSeconds: ms(s.totals.voiceSeconds), lastJoinedAt: undefined, lastActiveAt: undefined })
        .toEqual({ userId, messages: m.messages, reactions: m.reactions, joins: m.joins, leaves: m.leaves, voiceSeconds: ms(m.voiceSeconds), lastJoinedAt: undefined, lastActiveAt: undefined });
      expect([s.period.messages, ms(s.period.voiceSeconds)]).toEqual([m.messages, ms(m.voiceSeconds)]);
    }

    // Leaderboards: the tally's order (ties by user id), all time and over the period.
    for (const [metric, key] of [['messages', 'messages'], ['reactions', 'reactions'], ['voice', 'voiceSeconds']] as const) {
      const truth = members.filter(([, m]) => m[key] > 0)
        .sort(([a, x], [b, y]) => y[key] - x[key] || (a < b ? -1 : 1)).slice(0, 50)
        .map(([userId, m]) => [userId, key === 'voiceSeconds' ? ms(m[key]) : m[key]]);
      for (const p of ['all', '1']) {
        const board = await ok(session.api<{ entries: { userId: string; value: number }[] }>('GET', `${stats}/leaderboard?metric=${metric}&period=${p}&limit=50`));
        expect(board.entries.map((e) => [e.userId, metric === 'voice' ? ms(e.value) : e.value])).toEqual(truth);
      }
    }

    // Timelines add up to the totals at both granularities.
    for (const [metric, truth] of [['messages', tally.byType.message], ['reactions', tally.byType.reaction], ['joins', tally.byType.join], ['leaves', tally.byType.leave], ['voice', sum('voiceSeconds')]] as const) {
      for (const granularity of ['5m', '1d']) {
        const tl = await ok(session.api<{ points: { t: string; value: number }[] }>('GET', `${stats}/timeline?metric=${metric}&granularity=${granularity}&${period}`));
        expect([metric, granularity, ms(tl.points.reduce((a, p) => a + p.value, 0))]).toEqual([metric, granularity, ms(truth)]);
      }
    }
    const fiveMin = await ok(session.api<{ points: { value: number }[] }>('GET', `${stats}/timeline?metric=messages&granularity=5m&${period}`));
    expect(fiveMin.points.filter((p) => p.value > 0).length).toBeGreaterThan(12);
  }, 150_000);
});

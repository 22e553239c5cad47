/**
 * Issue 6 "Done when", end to end through the real path: simulator gateway → gateway shard →
 * POST /ingest → processing → Discord REST back into the simulator, driven through the API.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startFullSystem, type FullSystem } from '@edge/dev/testing';
import { Scenario } from '../../../simulator/src/scenario';
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
});

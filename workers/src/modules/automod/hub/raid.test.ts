import { dashboardAuditLog } from '@edge/drizzle/schema';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { automodModule } from '../definition';
import { automodHarness, type AutomodHarness } from '../testing/automodHarness';
import { AutomodLocal } from './AutomodLocal';
import { raidEvent } from './raidOps';

/**
 * Anti-raid through the simulator: 200 fresh accounts join in bursts; raid mode starts within
 * the threshold, raises verification, pauses invites, times the raid's joins out, is announced
 * and audited, and every step is undone when it ends (quiet period, or an admin).
 */
let h: AutomodHarness;
let logChannel: string;
beforeAll(async () => {
  h = await automodHarness();
  logChannel = ((await h.rest.post(`/guilds/${h.guildId}/channels`, { body: { name: 'automod-log', type: 0 } })) as { id: string }).id;
});
afterAll(() => h?.close());

const guild = () => h.sim.state.guild(h.guildId);
const logTitles = () => (h.sim.state.data.messages[logChannel] ?? []).flatMap((m) => m.embeds.map((e) => e.title));
const audit = async () => (await h.db.select().from(dashboardAuditLog).where(eq(dashboardAuditLog.guildId, h.guildId))).map((r) => r.action);
const raidConfig = () => h.config({ logChannelId: logChannel, raid: { enabled: true, joins: 8, seconds: 30, freshAccountDays: 7, onJoin: 'timeout', timeoutSeconds: 3600, quietMinutes: 5 } });
let n = 0;
const join = (fresh = true) => {
  const id = fresh ? undefined : String((BigInt(Date.now() - 400 * 86_400_000 - 1_420_070_400_000) << 22n) + BigInt(++n));
  const u = h.sim.state.users.create({ username: `raider${++n}`, ...(id ? { id } : {}) });
  h.sim.state.members.add(h.guildId, u.id);
  return u.id;
};

describe('anti-raid', () => {
  it('200 fresh joins: raid mode within 10 joins; verification raised, invites paused, raid joins timed out, announced and audited', async () => {
    const config = raidConfig();
    const state = AutomodLocal.of(h.local);
    const verificationBefore = guild().verification_level;
    // Old accounts joining do not count toward a raid.
    for (let i = 0; i < 20; i++) join(false);
    await h.batch(config);
    expect(state.raid.active).toBe(false);
    const joined: string[] = [];
    let detectedAt: number | null = null;
    for (let burst = 0; burst < 40; burst++) {
      for (let i = 0; i < 5; i++) joined.push(join());
      await h.batch(config);
      if (state.raid.active && detectedAt === null) detectedAt = joined.length;
    }
    expect(detectedAt).not.toBeNull();
    expect(detectedAt!).toBeLessThanOrEqual(10);
    expect(guild().verification_level).toBe(3);
    expect(guild().incidents?.invites_disabled_until).toBeTruthy();
    const timedOut = joined.filter((id) => guild().members[id]?.communication_disabled_until);
    expect(timedOut.length).toBe(200);
    expect(state.raid).toMatchObject({ active: true, previousVerification: verificationBefore, invitesPaused: true, actedOn: 200 });
    expect(logTitles()).toEqual(['🚨 Raid mode on']);
    expect(await audit()).toEqual(['automod.raid_start']);
    expect(h.logs.filter((l) => l.includes('warn'))).toEqual([]);
    expect(h.upstash.some((r) => r.includes('automod.raid-check'))).toBe(true);
  });

  it('ends after the quiet period: verification level put back, invites resumed, announced and audited', async () => {
    const config = raidConfig();
    const state = AutomodLocal.of(h.local);
    // Five quiet minutes pass: the last raid join is that old.
    state.raid.lastJoinAt = Date.now() - 6 * 60_000;
    await automodModule.batchHandler!([raidEvent(h.guildId, { op: 'check', actorId: null }, config, 'free')], h.ctx());
    expect(state.raid.active).toBe(false);
    expect(state.raid.ended).toMatchObject({ reason: 'quiet', by: null });
    expect(guild().verification_level).toBe(1);
    expect(guild().incidents?.invites_disabled_until).toBeNull();
    expect(logTitles()).toEqual(['🚨 Raid mode on', '✅ Raid mode over']);
    expect(await audit()).toEqual(['automod.raid_start', 'automod.raid_end']);
    // Kept across a hub restart (its SQLite row).
    expect(JSON.parse(h.local.query<{ v: string }>(`SELECT v FROM automod_state WHERE k = 'raid'`)[0]!.v)).toMatchObject({ active: false, ended: { reason: 'quiet' } });
  });

  it('an admin starts and ends it; ending can lift the raid’s timeouts', async () => {
    const config = raidConfig();
    const state = AutomodLocal.of(h.local);
    await automodModule.batchHandler!([raidEvent(h.guildId, { op: 'start', actorId: h.sim.demo.ownerId }, config, 'free')], h.ctx());
    expect(state.raid.active).toBe(true);
    expect(guild().verification_level).toBe(3);
    const late = [join(), join()];
    await h.batch(config);
    expect(late.every((id) => guild().members[id]?.communication_disabled_until)).toBe(true);
    await automodModule.batchHandler!([raidEvent(h.guildId, { op: 'end', actorId: h.sim.demo.ownerId, liftTimeouts: true }, config, 'free')], h.ctx());
    expect(state.raid).toMatchObject({ active: false, ended: { reason: 'admin', by: h.sim.demo.ownerId } });
    expect(late.every((id) => !guild().members[id]?.communication_disabled_until)).toBe(true);
    expect(guild().verification_level).toBe(1);
    const rows = await h.db.select().from(dashboardAuditLog).where(eq(dashboardAuditLog.guildId, h.guildId));
    expect(rows.slice(-2).map((r) => [r.action, r.actorId])).toEqual([['automod.raid_start', h.sim.demo.ownerId], ['automod.raid_end', h.sim.demo.ownerId]]);
  });
});

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GatewayDispatchEvents, PermissionFlagsBits as P } from 'discord-api-types/v10';
import { SimState, createDemoGuild, computePermissions, canActOn, snowflakeTime, type SimDispatch } from './index.js';

function demo(seed = 7) {
  const state = new SimState();
  const app = state.applications.create({ name: 'Edge Admin', seed: 'test' });
  const d = createDemoGuild(state, { seed, members: 50, botUserId: app.botUserId });
  return { state, app, d };
}

describe('SimState', () => {
  it('builds the same demo guild from the same seed', () => {
    const a = demo(7).d;
    const b = demo(7).d;
    expect(a.guildId).toBe(b.guildId);
    expect(a.memberIds).toEqual(b.memberIds);
    expect(a.memberIds).toHaveLength(50);
    expect(demo(8).d.memberIds).not.toEqual(a.memberIds);
  });

  it('generates time-based, increasing snowflakes', () => {
    const s = new SimState({ now: () => Date.UTC(2025, 0, 1) });
    const a = s.snowflakes.next();
    const b = s.snowflakes.next();
    expect(BigInt(b)).toBeGreaterThan(BigInt(a));
    expect(snowflakeTime(a)).toBe(Date.UTC(2025, 0, 1));
  });

  it('emits gateway dispatches for mutations, and GUILD_CREATE to a bot that joins', () => {
    const { state, app, d } = demo();
    const events: SimDispatch[] = [];
    state.on('dispatch', (e) => events.push(e));
    const m = state.messages.create(d.channels['general']!, { authorId: d.memberIds[3]!, content: `hi <@${d.ownerId}>` });
    const create = events.find((e) => e.t === GatewayDispatchEvents.MessageCreate)!;
    expect(create.guildId).toBe(d.guildId);
    expect(create.d).toMatchObject({ id: m.id, guild_id: d.guildId, member: { roles: expect.any(Array) }, mentions: [{ id: d.ownerId }] });
    state.members.update(d.guildId, d.memberIds[3]!, { nick: 'x' }, { actorId: app.botUserId, reason: 'test' });
    expect(events.map((e) => e.t)).toContain(GatewayDispatchEvents.GuildMemberUpdate);
    expect(state.auditLog.list(d.guildId)[0]).toMatchObject({ user_id: app.botUserId, reason: 'test', target_id: d.memberIds[3] });
    const bot2 = state.applications.create({ name: 'Other' });
    state.members.add(d.guildId, bot2.botUserId);
    const gc = events.find((e) => e.t === GatewayDispatchEvents.GuildCreate)!;
    expect(gc.userIds).toEqual([bot2.botUserId]);
    expect(gc.d).toMatchObject({ id: d.guildId, member_count: 53, large: false });
    const payload = state.guildCreatePayload(d.guildId, app.botUserId);
    expect(payload.channels.length).toBeGreaterThan(10);
    expect(payload.threads).toHaveLength(1);
    expect(payload.roles.map((r) => r.name)).toContain('Moderator');
  });

  it('computes permissions with overwrites, Administrator, owner and timeouts', () => {
    const { state, d } = demo();
    const g = state.guild(d.guildId);
    const plain = g.members[d.memberIds[10]!]!;
    const mod = g.members[d.memberIds[0]!]!;
    const modLog = state.data.channels[d.channels['mod-log']!];
    expect(computePermissions(g, plain, modLog) & P.ViewChannel).toBe(0n);
    expect(computePermissions(g, mod, modLog) & P.ViewChannel).toBe(P.ViewChannel);
    expect(computePermissions(g, g.members[d.ownerId]!) & P.Administrator).toBe(P.Administrator);
    expect(canActOn(g, mod, plain)).toBe(true);
    expect(canActOn(g, plain, mod)).toBe(false);
    state.members.update(d.guildId, plain.user_id, { communication_disabled_until: new Date(Date.now() + 60_000).toISOString() });
    expect(state.permissionsOf(d.guildId, plain.user_id, d.channels['general']) & P.SendMessages).toBe(0n);
  });

  it('saves and loads', () => {
    const { state, d } = demo();
    const file = join(mkdtempSync(join(tmpdir(), 'sim-')), 'state.json');
    state.save(file);
    const other = new SimState();
    other.load(file);
    expect(other.guild(d.guildId).name).toBe('Demo Guild');
    expect(Object.keys(other.guild(d.guildId).members)).toHaveLength(52);
  });
});

describe('demo roles', () => {
  it('orders roles Admin > bot > Moderator > Events > Verified > Newcomer', () => {
    const { state, d } = demo();
    const names = state.roles.list(d.guildId).map((r) => r.name);
    expect(names).toEqual(['@everyone', 'Newcomer', 'Verified', 'Events', 'Moderator', 'edge-admin', 'Admin']);
  });
});

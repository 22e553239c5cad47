import { describe, expect, it } from 'vitest';
import { SimState } from '../state/SimState.js';
import { createDemoGuild } from '../state/createDemoGuild.js';
import type { SimDispatch } from '../state/types.js';
import { Scenario, type ScenarioOptions } from './index.js';

/** A state on a fake clock (10 ms per tick) with the demo guild: identical on every call. */
function world(opts: ScenarioOptions = {}) {
  let t = Date.UTC(2025, 0, 1);
  const now = () => (t += 10);
  const state = new SimState({ now });
  const demo = createDemoGuild(state, { seed: 1, members: 30 });
  const dispatches: (SimDispatch & { at: number })[] = [];
  state.on('dispatch', (e) => dispatches.push({ ...e, at: t }));
  const scenario = new Scenario(state, { seed: 42, guildIds: [demo.guildId], record: true, ...opts });
  return { state, demo, scenario, dispatches };
}

describe('Scenario', () => {
  it('is deterministic for a seed, and differs for another seed', async () => {
    const a = world();
    const b = world();
    const c = world({ seed: 43 });
    await Promise.all([a.scenario.run(400), b.scenario.run(400), c.scenario.run(400)]);
    const shape = (s: Scenario) => s.events.map((e) => `${e.type}:${e.userId}:${e.channelId}:${e.messageId ?? ''}`);
    expect(shape(a.scenario)).toEqual(shape(b.scenario));
    expect(shape(a.scenario)).not.toEqual(shape(c.scenario));
    expect(a.scenario.tally).toEqual(b.scenario.tally);
  });

  it('edits and deletes recent messages when asked (the demo does), each reaching the gateway', async () => {
    const { state, demo, dispatches } = world();
    const scenario = new Scenario(state, { seed: 5, guildIds: [demo.guildId], weights: { messageEdit: 10, messageDelete: 10 } });
    await scenario.run(600);
    const { byType } = scenario.tally;
    expect(byType.messageEdit).toBeGreaterThan(0);
    expect(byType.messageDelete).toBeGreaterThan(0);
    expect(dispatches.filter((x) => x.t === 'MESSAGE_UPDATE')).toHaveLength(byType.messageEdit);
    expect(dispatches.filter((x) => x.t === 'MESSAGE_DELETE')).toHaveLength(byType.messageDelete);
    expect(dispatches.filter((x) => x.t === 'MESSAGE_UPDATE').every((x) => / \(edit\)$/.test((x.d as { content: string }).content))).toBe(true);
  });

  it('produces every kind of activity, and its tally matches what the state dispatched', async () => {
    const { state, demo, scenario, dispatches } = world();
    await scenario.run(1_000);
    scenario.endVoiceSessions();
    const { tally } = scenario;
    const g = tally.guilds[demo.guildId]!;
    for (const type of ['message', 'reaction', 'join', 'leave', 'voiceJoin', 'voiceMove', 'voiceLeave'] as const) {
      expect(tally.byType[type], type).toBeGreaterThan(0);
    }
    expect(tally.total).toBe(scenario.events.length);

    // Messages per channel, from the dispatch stream.
    const perChannel: Record<string, number> = {};
    for (const d of dispatches.filter((x) => x.t === 'MESSAGE_CREATE')) {
      const id = (d.d as { channel_id: string }).channel_id;
      perChannel[id] = (perChannel[id] ?? 0) + 1;
    }
    const tallied = Object.fromEntries(Object.entries(g.channels).filter(([, c]) => c.messages > 0).map(([id, c]) => [id, c.messages]));
    expect(tallied).toEqual(perChannel);
    expect(Object.keys(perChannel).length).toBeGreaterThanOrEqual(3);
    expect(dispatches.filter((x) => x.t === 'MESSAGE_REACTION_ADD')).toHaveLength(tally.byType.reaction);
    expect(dispatches.filter((x) => x.t === 'GUILD_MEMBER_ADD')).toHaveLength(tally.byType.join);
    expect(dispatches.filter((x) => x.t === 'GUILD_MEMBER_REMOVE')).toHaveLength(tally.byType.leave);

    // Voice seconds per member, recomputed from VOICE_STATE_UPDATE times.
    const since = new Map<string, number>();
    const seconds: Record<string, number> = {};
    for (const d of dispatches.filter((x) => x.t === 'VOICE_STATE_UPDATE')) {
      const v = d.d as { user_id: string; channel_id: string | null };
      const start = since.get(v.user_id);
      if (start !== undefined) seconds[v.user_id] = (seconds[v.user_id] ?? 0) + (d.at - start) / 1000;
      if (v.channel_id) since.set(v.user_id, d.at);
      else since.delete(v.user_id);
    }
    expect(since.size).toBe(0);
    for (const [userId, s] of Object.entries(seconds)) expect(g.members[userId]!.voiceSeconds).toBeCloseTo(s, 6);
    expect(Object.keys(state.guild(demo.guildId).voiceStates)).toHaveLength(0);

    // Joins and leaves are reflected in the guild's members.
    const members = state.guild(demo.guildId).members;
    for (const e of scenario.events.filter((x) => x.type === 'join')) {
      const left = scenario.events.some((x) => x.type === 'leave' && x.userId === e.userId);
      expect(members[e.userId] !== undefined).toBe(!left);
    }
  });

  it('plays at a configured rate and stops', async () => {
    const { scenario } = world();
    scenario.start(200);
    await new Promise((r) => setTimeout(r, 500));
    scenario.stop();
    const n = scenario.tally.total;
    expect(n).toBeGreaterThan(40);
    expect(n).toBeLessThan(160);
    await new Promise((r) => setTimeout(r, 100));
    expect(scenario.tally.total).toBe(n);
    expect(scenario.running).toBe(false);
  });
});

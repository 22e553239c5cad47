import { Scenario } from '@edge/simulator/scenario';
import { createDemoGuild, SimState } from '@edge/simulator/state';
import type { StatsBatchEvent } from '../events/toStatsRow';

/**
 * Runs the simulator's seeded scenario on a fake clock and returns the gateway dispatches it
 * produced, stamped as the shard stamps them (`receivedAt` = when the dispatch was emitted),
 * with the scenario's ground-truth tally and event log.
 */
export async function scenarioStream(opts: { actions: number; seed?: number; members?: number; startAt: number; tickMs: number }) {
  let t = opts.startAt;
  const now = () => (t += opts.tickMs);
  const state = new SimState({ now });
  const demo = createDemoGuild(state, { seed: 1, members: opts.members ?? 60 });
  const events: StatsBatchEvent[] = [];
  state.on('dispatch', (d) => {
    const payload = d.d as { guild_id?: string };
    const guildId = d.guildId ?? payload.guild_id;
    if (!guildId) return;
    events.push({ eventId: `sim:${events.length}`, guildId, type: d.t, payload: d.d, receivedAt: new Date(t) });
  });
  const scenario = new Scenario(state, { seed: opts.seed ?? 42, guildIds: [demo.guildId], record: true, now });
  await scenario.run(opts.actions);
  scenario.endVoiceSessions();
  return { guildId: demo.guildId, events, tally: scenario.tally, log: scenario.events, endedAt: t };
}

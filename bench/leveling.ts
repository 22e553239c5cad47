/**
 * Leveling's exactness and DO-row cost on the simulator scenario's traffic (a dedicated, lighter
 * suite than the budget's whole day): the scenario's day for a 2,000-member server at a fifth of
 * the active day's volume, shaped and batched as the shard does, counted by the module's hub code
 * with some batches delivered twice, flushed hourly to Postgres, compared with an independent
 * tally. `leveling.xp_exact` is 1 when the hub, Postgres and the tally agree for every member.
 */
import { startSimulator } from '@edge/simulator';
import { eventNeedsForGuild, fieldsFor } from '../workers/src/ingest/eventNeeds';
import { registry } from '../workers/src/platform/registry';
import { buildDay } from './budget/dayTraffic';
import { levelingDay } from './budget/levelingDay';
import type { Figure } from './run';

/** Runs the suite; figures named `leveling.*`. */
export async function runLevelingBench(): Promise<Record<string, Figure>> {
  const sim = await startSimulator({ port: 0, seed: 7, members: 2_000, oauthAutoApprove: false });
  try {
    const guildId = sim.guildId;
    const channel = (name: string) => Object.values(sim.state.data.channels).find((c) => 'guild_id' in c && c.guild_id === guildId && c.name === name)!.id;
    const day = await buildDay(sim.state, guildId, eventNeedsForGuild(registry, ['stats', 'leveling']), fieldsFor(registry), 0.2);
    const res = await levelingDay(day, guildId, { channelMultipliers: [{ channelId: channel('general'), multiplier: 2 }], noXpChannelIds: [channel('bot-commands')] }, 60);
    return {
      'leveling.xp_exact': { value: res.exact ? 1 : 0, unit: `1 = the XP the hub computed (and Postgres holds after its flushes) equals the scenario's tally for all ${res.members} members (${res.totalXp} XP of which ${res.voiceMinutes} voice minutes, ${res.batches} batches, ${res.redelivered} delivered twice)` },
      'leveling.xp_diff': { value: res.diff, unit: 'XP: sum over members of |hub − tally| + |Postgres − hub| (0 when exact)' },
      'leveling.do_rows_per_batch': { value: Number((res.doRowsWritten / res.batches).toFixed(3)), unit: 'DO SQLite rows Leveling writes per delivered batch (journal, flush marks, snapshots, pruning)' },
    };
  } finally {
    await sim.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runLevelingBench().then((r) => console.log(JSON.stringify(r, null, 2)), (err) => (console.error(err), process.exit(1)));
}

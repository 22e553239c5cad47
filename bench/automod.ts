/**
 * Automod figures (issue #16):
 * - `automod.decision_p99_ms`: the REAL Worker in workerd (local stack, simulator, no shard):
 *   a member's message breaking a rule of the standard preset (an invite to another server)
 *   is POSTed to /ingest as the shard would; the time from that request's arrival to the
 *   deletion reaching the simulator (the MESSAGE_DELETE it emits), p99 over the samples.
 * - `automod.raid_detected_after_joins`: the anti-raid scenario through the module's hub code
 *   (the simulator's REST, a hub SQLite, Postgres in PGlite): 200 fresh accounts join over 30 s,
 *   delivered in the shard's ~1 s batches; the ordinal of the join that switched raid mode on.
 */
import { createHmac } from 'node:crypto';
import { GatewayDispatchEvents as E, type APIMessage, type GatewayDispatchEvents } from 'discord-api-types/v10';
import { startFullSystem } from '@edge/dev/testing';
import { automodModule } from '../workers/src/modules/automod';
import { applyPreset } from '../workers/src/modules/automod/presets';
import { AutomodLocal } from '../workers/src/modules/automod/hub/AutomodLocal';
import { automodHarness } from '../workers/src/modules/automod/testing/automodHarness';
import { loginDashboard } from '../workers/src/platform/testing/dashboardSession';
import type { ModuleEvent } from '../workers/src/platform/ModuleDefinition';
import type { Figure } from './run';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const SAMPLES = Number(process.env.AUTOMOD_SAMPLES ?? 100);

/** The arrival-to-deletion times (ms) of caught messages through the real Worker. */
async function decisionTimes(): Promise<number[]> {
  const sys = await startFullSystem({ shard: false, seed: 7 });
  try {
    const { sim, worker } = sys;
    const guildId = sim.guildId;
    const g = sim.state.guild(guildId);
    const secret = sys.vars.SHARD_SECRET!;
    const ingest = async (events: unknown[]) => {
      const body = JSON.stringify({ batchId: `b${Date.now()}${Math.random()}`, events });
      const ts = String(Date.now());
      const res = await fetch(`${worker.url}/ingest`, { method: 'POST', body, headers: { 'content-type': 'application/json', 'x-shard-timestamp': ts, 'x-shard-signature': `v1=${createHmac('sha256', secret).update(`${ts}.${body}`).digest('hex')}` } });
      if (res.status !== 200) throw new Error(`ingest answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
    };
    await ingest([{ id: 'setup:create', type: 'GUILD_CREATE', guildId, payload: { id: guildId, name: g.name, icon: null, owner_id: g.owner_id, member_count: Object.keys(g.members).length, joined_at: new Date().toISOString() } }]);
    await sleep(600);
    const session = await loginDashboard(sys);
    const general = Object.values(sim.state.data.channels).find((c) => 'guild_id' in c && c.guild_id === guildId && c.name === 'general')!.id;
    for (const [path, body] of [
      [`/guilds/${guildId}/modules/moderation/enable`, {}],
      [`/guilds/${guildId}/modules/automod/enable`, { config: applyPreset('standard') }],
    ] as const) {
      const r = await session.api('POST', path, body);
      if (r.status !== 200) throw new Error(`${path}: ${r.status} ${r.text.slice(0, 300)}`);
    }
    // Plain members (no staff role: Discord's AutoMod and ours would exempt no one of them).
    const staff = new Set(Object.values(g.roles).filter((r) => ['Moderator', 'Admin'].includes(r.name) || r.tags?.bot_id).map((r) => r.id));
    const members = Object.keys(g.members).filter((id) => id !== sim.owner.id && !sim.state.users.get(id).bot && !g.members[id]!.roles.some((r) => staff.has(r)));
    const deleted = new Map<string, (at: number) => void>();
    sim.state.on('dispatch', (e) => {
      if (e.t === E.MessageDelete) deleted.get((e.d as { id: string }).id)?.(Date.now());
    });
    const times: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const authorId = members[i % members.length]!;
      // The message exists in Discord (so the deletion succeeds); the bot hears of it through /ingest only.
      const msg = sim.state.quietly(() => sim.state.messages.create(general, { authorId, content: `come join discord.gg/elsewhere${i}` })) as APIMessage;
      const done = new Promise<number>((resolve, reject) => {
        deleted.set(msg.id, resolve);
        setTimeout(() => reject(new Error(`message ${i} not deleted within 15 s`)), 15_000);
      });
      const payload = { ...msg, guild_id: guildId, member: { roles: g.members[authorId]!.roles } };
      const t0 = Date.now();
      await ingest([{ id: `m:${msg.id}`, type: 'MESSAGE_CREATE', guildId, payload }]);
      times.push((await done) - t0);
      // The warning (Moderation's case, DM, mod-log) follows the deletion: let it finish before the next sample.
      await sleep(800);
    }
    return times;
  } finally {
    await sys.stop();
  }
}

/** The ordinal of the join that started raid mode, when 200 fresh accounts join over 30 s (standard preset). */
async function raidDetectedAfter(): Promise<{ ordinal: number; batches: number }> {
  const h = await automodHarness();
  try {
    const config = applyPreset('standard');
    const t0 = Date.now();
    const joins: ModuleEvent[] = Array.from({ length: 200 }, (_, i) => {
      const u = h.sim.state.users.create({ username: `raider${i}` });
      h.sim.state.quietly(() => h.sim.state.members.add(h.guildId, u.id));
      const at = t0 + Math.round((i * 30_000) / 200);
      return { eventId: `join-${i}`, guildId: h.guildId, type: E.GuildMemberAdd as GatewayDispatchEvents, payload: { guild_id: h.guildId, joined_at: new Date(at).toISOString(), user: { id: u.id, bot: false, avatar: null } }, receivedAt: new Date(at), config, plan: 'free' };
    });
    const state = AutomodLocal.of(h.local);
    let batches = 0;
    // The shard sends a batch about every second: ~7 joins at this pace.
    for (let from = 0; from < joins.length; batches++) {
      const end = joins.findIndex((e, i) => i >= from && e.receivedAt.getTime() >= joins[from]!.receivedAt.getTime() + 1000);
      const slice = joins.slice(from, end < 0 ? undefined : end);
      from += slice.length;
      await automodModule.batchHandler!(slice, h.ctx());
      if (state.raid.active) {
        const ordinal = joins.findIndex((e) => e.receivedAt.getTime() === state.raid.since) + 1;
        return { ordinal, batches: batches + 1 };
      }
    }
    throw new Error('raid mode never started');
  } finally {
    await h.close();
  }
}

/** Runs the suite; figures named `automod.*`. */
export async function runAutomodBench(): Promise<Record<string, Figure>> {
  const raid = await raidDetectedAfter();
  const times = (await decisionTimes()).sort((a, b) => a - b);
  const p = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)]!;
  return {
    'automod.decision_p99_ms': { value: p(0.99), unit: `ms from a caught message's arrival at /ingest (real Worker in workerd) to its deletion in the simulator, p99 of ${times.length} (p50 ${p(0.5)} ms, max ${times.at(-1)} ms; standard preset, invite rule; target ≤ 500)` },
    'automod.raid_detected_after_joins': { value: raid.ordinal, unit: `the join (of 200 fresh accounts over 30 s, in ~1 s shard batches) that started raid mode, standard preset (${raid.batches} batches; target ≤ 10)` },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runAutomodBench().then((r) => console.log(JSON.stringify(r, null, 2)), (err) => (console.error(err), process.exit(1)));
}

/**
 * CPU profile of the real Worker in workerd for the budget bench's dashboard calls and slash
 * commands (a developer tool, not a bench suite): starts the same stack as `bench/budget.ts`,
 * attaches to workerd's inspector (Chrome DevTools protocol), profiles each invocation kind and
 * prints the functions with the most self time. `npx tsx bench/budget/profile.ts [rounds]`;
 * PROFILE_MODE=cpu measures the workerd process's CPU per call instead (no profiler attached);
 * PROFILE_OUT=dir also writes `.cpuprofile` files (open them in Chrome DevTools); PROFILE_ONLY=text keeps
 * the kinds whose name holds it; PROFILE_SETTLE_MS (400) is the wait after each call for its waitUntil work.
 */
import { writeFileSync } from 'node:fs';
import WebSocket from 'ws';
import { startLocalStack, startTestWorker, makeTestVars, freePort, type FullSystem } from '../../dev/src/testing';
import { simulatorVars } from '../../dev/src/lib/simulatorVars';
import { startPglite } from '../../dev/src/postgres/startPglite';
import { startSimulator } from '../../simulator/src/index';
import { loginDashboard } from '../../workers/src/platform/testing/dashboardSession';
import { idleRate, measure, spawnedWorkerd } from './cpuMeter';
import { dashboardPaths, interactionsToRun } from './workload';

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number; children?: number[] }
interface Profile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number }

/** A minimal Chrome DevTools protocol session over the inspector's WebSocket. */
async function inspector(port: number) {
  let targets: { webSocketDebuggerUrl: string; title?: string; url?: string }[] = [];
  for (let i = 0; i < 40 && targets.length === 0; i++) {
    targets = await fetch(`http://127.0.0.1:${port}/json`).then((r) => r.json() as Promise<typeof targets>).catch(() => []);
    if (targets.length === 0) await new Promise((r) => setTimeout(r, 250));
  }
  const target = targets.find((t) => !/proxy/i.test(`${t.title} ${t.url}`)) ?? targets[0];
  if (!target) throw new Error('no inspector target');
  const ws = new WebSocket(target.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  let next = 1;
  const pending = new Map<number, (v: unknown) => void>();
  ws.on('message', (data) => {
    const msg = JSON.parse(String(data)) as { id?: number; result?: unknown };
    const answer = msg.id ? pending.get(msg.id) : undefined;
    if (answer) {
      pending.delete(msg.id!);
      answer(msg.result);
    }
  });
  const send = <T>(method: string, params: object = {}) =>
    new Promise<T>((r) => {
      const id = next++;
      pending.set(id, r as (v: unknown) => void);
      ws.send(JSON.stringify({ id, method, params }));
    });
  return { send, close: () => ws.close() };
}

const INTERVAL_US = 50;

/** Self time per function (ms), largest first. */
function selfTimes(p: Profile): [string, number][] {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const out = new Map<string, number>();
  p.samples.forEach((id, i) => {
    const n = byId.get(id)!;
    const f = n.callFrame;
    const key = `${f.functionName || '(anon)'} ${f.url.split('/').slice(-2).join('/')}:${f.lineNumber + 1}`;
    // A long gap is idle time (workerd takes no sample while the isolate waits): count one interval.
    out.set(key, (out.get(key) ?? 0) + Math.min(p.timeDeltas[i + 1] ?? 0, 2 * INTERVAL_US) / 1000);
  });
  return [...out].sort((a, b) => b[1] - a[1]);
}

const rounds = Number(process.argv[2] ?? 3);
/** `cpu`: no profiler, the workerd process's CPU per call (as the budget bench measures it), first call and median/max of the rest. */
const cpuMode = process.env.PROFILE_MODE === 'cpu';
const inspectorPort = Number(process.env.TEST_WORKER_INSPECTOR_PORT ?? 9531);
if (!cpuMode) process.env.TEST_WORKER_INSPECTOR_PORT = String(inspectorPort);
const stops: (() => Promise<unknown>)[] = [];
try {
  const pg = await startPglite({ port: 0 });
  stops.push(() => pg.stop());
  const stack = await startLocalStack({ databaseUrl: pg.databaseUrl });
  stops.push(() => stack.stop());
  const sim = await startSimulator({ port: 0, seed: 7, members: 10_000, oauthAutoApprove: false });
  stops.push(() => sim.stop());
  const port = await freePort();
  const publicUrl = `http://localhost:${port}`;
  const vars = makeTestVars(stack, { ...simulatorVars(sim), PUBLIC_URL: publicUrl, WORKER_SELF_URL: `http://127.0.0.1:${port}`, BOT_OWNER_IDS: sim.owner.id });
  const { value: worker, pid } = await spawnedWorkerd(() => startTestWorker({ vars, port }));
  stops.push(() => worker.stop());
  sim.interactions.setEndpoint(`${worker.url}/interactions`);
  const guildId = sim.guildId;
  const g = sim.state.guild(guildId);
  const session = await loginDashboard({ publicUrl, worker } as unknown as FullSystem);
  const ins = cpuMode ? undefined : await inspector(inspectorPort);
  stops.push(async () => ins?.close());
  await ins?.send('Profiler.enable');
  await ins?.send('Profiler.setSamplingInterval', { interval: INTERVAL_US });
  const idleNsPerMs = cpuMode ? await idleRate(pid) : 0;
  const general = Object.values(sim.state.data.channels).find((c) => 'guild_id' in c && c.guild_id === guildId && c.name === 'general')!.id;
  const members = Object.keys(g.members);
  await session.api('POST', `/guilds/${guildId}/modules/stats/enable`, {});
  const kinds: [string, () => Promise<unknown>][] = [
    ...dashboardPaths(guildId).map((path) => [`GET ${path}`, () => session.api('GET', path)] as [string, () => Promise<unknown>]),
    ...interactionsToRun().filter((i) => i.kind === 'command').map((it, k) => [`/${it.name}`, async () => sim.interactions.send(await it.input(sim, general, members[k]!))] as [string, () => Promise<unknown>]),
  ];
  const report = (name: string, profile: Profile, calls: number) => {
    if (process.env.PROFILE_OUT) writeFileSync(`${process.env.PROFILE_OUT}/${name.replace(/[^a-z0-9]+/gi, '_')}.cpuprofile`, JSON.stringify(profile));
    const top = selfTimes(profile).filter(([k]) => !k.startsWith('(idle)'));
    const total = top.reduce((a, [, v]) => a + v, 0);
    console.log(`\n== ${name}: ${(total / calls).toFixed(1)} ms JS per call (${calls} calls)`);
    for (const [k, v] of top.slice(0, 12)) console.log(`${(v / calls).toFixed(2).padStart(7)}  ${k}`);
  };
  const settle = () => new Promise((r) => setTimeout(r, Number(process.env.PROFILE_SETTLE_MS ?? 400))); // waitUntil work
  for (const [name, act] of kinds.filter(([n]) => !process.env.PROFILE_ONLY || n.includes(process.env.PROFILE_ONLY))) {
    if (!ins) {
      const ms: number[] = [];
      for (let i = 0; i <= rounds; i++) ms.push(await measure(pid, act, { idleNsPerMs, quietMs: 100 }));
      const rest = ms.slice(1).sort((a, b) => a - b);
      console.log(`${name.padEnd(70)} first ${ms[0]!.toFixed(1).padStart(5)}  median ${rest[Math.floor(rest.length / 2)]!.toFixed(1).padStart(5)}  max ${rest.at(-1)!.toFixed(1).padStart(5)} ms`);
      continue;
    }
    await ins.send('Profiler.start');
    await act();
    await settle();
    report(`${name} (first)`, (await ins.send<{ profile: Profile }>('Profiler.stop')).profile, 1);
    await ins.send('Profiler.start');
    for (let i = 0; i < rounds; i++) {
      await act();
      await settle();
    }
    report(`${name} (then)`, (await ins.send<{ profile: Profile }>('Profiler.stop')).profile, rounds);
  }
} finally {
  for (const stop of stops.reverse()) await stop().catch(() => {});
}

/**
 * Side-by-side RSS of bot processes on one simulated load (see the method in `shard.ts`).
 * Every process connects to the same simulator with the same intents; the same scenario
 * reaches all of them at once; RSS is read from `/proc/<pid>/status` (`VmRSS` sampled every
 * 250 ms, `VmHWM` for the kernel's own peak).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { startSimulator } from '@edge/simulator';
import { populateGuilds } from '@edge/simulator/scenario';
import { Scenario } from '@edge/simulator/scenario';

/** One process under measurement. */
export interface RssProcess {
  name: string;
  /** Program to run; the node running the bench by default. */
  command?: string;
  args: string[];
  /** False for a process that does not log in (e.g. an idle node for the floor). */
  connects?: boolean;
  /** Extra environment (the simulator's token, API base and gateway are added). */
  env?: Record<string, string>;
}

/** The load: guilds × members, then `events` scenario actions at `rate` per second. */
export interface RssLoad {
  guilds: number;
  membersPerGuild: number;
  events: number;
  rate: number;
  intents: number;
}

/** What one process used. */
export interface RssFigures {
  /** `VmHWM` at the end: the highest RSS since start (connect burst included), MB. */
  peakMb: number;
  /** Median `VmRSS` over the second half of the scenario, MB. */
  steadyMb: number;
  /** `VmRSS` once every guild was received, before the scenario, MB. */
  connectedMb: number;
  /** Median `RssAnon` (private memory: RSS minus the mapped node binary and libraries) over the same window, MB. */
  steadyAnonMb: number;
  /** CPU time (user + system) spent during the scenario, seconds. */
  cpuS: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const MB = 1 / 1024;

function status(pid: number): { rss: number; hwm: number; anon: number } {
  const text = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(text)?.[1] ?? 0);
  return { rss: kb('VmRSS') * MB, hwm: kb('VmHWM') * MB, anon: kb('RssAnon') * MB };
}

/** utime + stime of a process, seconds (`/proc/<pid>/stat` fields 14 and 15, in clock ticks of 1/100 s). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/**
 * Starts the simulator with the load, spawns every process, waits until each session got
 * all its GUILD_CREATEs, plays the scenario and returns the figures per process name.
 */
export async function measureRss(load: RssLoad, processes: RssProcess[], onChild?: (name: string, child: ChildProcess) => void): Promise<Record<string, RssFigures>> {
  const sim = await startSimulator({ port: 0, demo: false });
  const guildIds = populateGuilds(sim.state, { guilds: load.guilds, membersPerGuild: load.membersPerGuild, botUserId: sim.application.botUserId });
  const children: { name: string; child: ChildProcess }[] = [];
  try {
    for (const p of processes) {
      const child = spawn(p.command ?? process.execPath, p.args, {
        env: { ...process.env, ...p.env, DISCORD_BOT_TOKEN: sim.application.botToken, DISCORD_API_BASE: sim.api, INTENTS: String(load.intents) },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout!.resume();
      child.stderr!.resume();
      children.push({ name: p.name, child });
      onChild?.(p.name, child);
      if (p.connects === false) continue;
      // The simulator allows one identify per 5 s window: wait for each login before the next.
      const sessions = sim.gateway.sessions().length;
      await waitFor(() => sim.gateway.sessions().length > sessions, 20_000, `${p.name} did not identify`);
    }
    // Every session received READY + one GUILD_CREATE per guild; give clients time to digest them.
    await waitFor(() => sim.gateway.sessions().every((s) => s.seq >= load.guilds + 1), 60_000, 'guilds not all sent');
    await sleep(3_000);
    const connected = Object.fromEntries(children.map(({ name, child }) => [name, status(child.pid!).rss]));
    const samples: Record<string, number[]> = Object.fromEntries(children.map(({ name }) => [name, []]));
    const anon: Record<string, number[]> = Object.fromEntries(children.map(({ name }) => [name, []]));
    const cpu0 = Object.fromEntries(children.map(({ name, child }) => [name, cpuSeconds(child.pid!)]));
    const scenario = new Scenario(sim.state, { seed: 11, guildIds });
    // Exactly `events` actions, paced by the wall clock at `rate` per second.
    const t0 = Date.now();
    let lastSample = 0;
    for (let done = 0; done < load.events; ) {
      await sleep(20);
      const due = Math.min(load.events, Math.floor(((Date.now() - t0) / 1_000) * load.rate)) - done;
      if (due > 0) {
        await scenario.run(due, Number.MAX_SAFE_INTEGER);
        done += due;
      }
      if (done >= load.events / 2 && Date.now() - lastSample >= 250) {
        lastSample = Date.now();
        for (const { name, child } of children) {
          const st = status(child.pid!);
          samples[name]!.push(st.rss);
          anon[name]!.push(st.anon);
        }
      }
    }
    await sleep(2_000);
    for (const { child } of children) if (child.exitCode !== null) throw new Error(`rss bench: a process exited (${child.exitCode})`);
    return Object.fromEntries(
      children.map(({ name, child }) => [
        name,
        { peakMb: status(child.pid!).hwm, steadyMb: median(samples[name]!), connectedMb: connected[name]!, steadyAnonMb: median(anon[name]!), cpuS: cpuSeconds(child.pid!) - cpu0[name]! },
      ]),
    );
  } finally {
    for (const { child } of children) child.kill('SIGKILL');
    await sim.stop();
  }
}

async function waitFor(ok: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`rss bench: ${what} in ${ms / 1000} s`);
    await sleep(100);
  }
}

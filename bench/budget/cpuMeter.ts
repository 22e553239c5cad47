/**
 * CPU of a workerd process read from its own kernel counters: the sum over its threads of
 * `/proc/<pid>/task/<tid>/schedstat` (first field: nanoseconds on CPU). Nanosecond resolution,
 * unlike `/proc/<pid>/stat`'s clock ticks, so one invocation can be measured on its own.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Nanoseconds of CPU the process has used so far (all threads, live ones). */
export function cpuNs(pid: number): number {
  let total = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      total += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // A thread that ended between the listing and the read.
    }
  }
  return total;
}

/** Every process id under `root` (children, grandchildren…) whose command is `comm`. */
export function descendants(root: number, comm: string): number[] {
  const parent = new Map<number, number>();
  const name = new Map<number, string>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      name.set(Number(entry), stat.slice(stat.indexOf('(') + 1, close));
      parent.set(Number(entry), Number(stat.slice(close + 2).split(' ')[1]));
    } catch {
      // Gone meanwhile.
    }
  }
  const under = (pid: number): boolean => {
    for (let p = parent.get(pid); p !== undefined && p > 1; p = parent.get(p)) if (p === root) return true;
    return false;
  };
  return [...name].filter(([pid, n]) => n === comm && under(pid)).map(([pid]) => pid);
}

/** The process's start time (clock ticks since boot). */
const startedAt = (pid: number) => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
};

/**
 * Starts something that spawns workerd and returns the id of the process that runs the
 * Worker. Wrangler starts two: its own proxy Worker first (the inspector and the stable
 * local URL), then the user Worker, so the one started last among the new ones.
 */
export async function spawnedWorkerd<T>(start: () => Promise<T>): Promise<{ value: T; pid: number }> {
  const before = new Set(descendants(process.pid, 'workerd'));
  const value = await start();
  const fresh = descendants(process.pid, 'workerd').filter((p) => !before.has(p));
  if (fresh.length === 0) throw new Error('no new workerd process');
  return { value, pid: fresh.sort((a, b) => startedAt(a) - startedAt(b) || a - b).at(-1)! };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * CPU (ms) the process spends on `act` and everything it sets off (`waitUntil`, Durable
 * Object work, alarms it arms that fire at once): read before, run `act`, then wait until the
 * process has been quiet for `quietMs` and `done()` holds. The idle rate measured by
 * {@link idleRate} is taken off for the time waited.
 */
export async function measure(pid: number, act: () => Promise<unknown>, opts: { idleNsPerMs: number; done?: () => Promise<boolean>; quietMs?: number; timeoutMs?: number }): Promise<number> {
  const quietMs = opts.quietMs ?? 60;
  const t0 = performance.now();
  const c0 = cpuNs(pid);
  await act();
  let last = cpuNs(pid);
  let quietSince = performance.now();
  for (;;) {
    await sleep(10);
    const now = cpuNs(pid);
    const t = performance.now();
    if (now - last > 30_000 + opts.idleNsPerMs * 10) {
      last = now;
      quietSince = t;
    } else if (t - quietSince >= quietMs && (!opts.done || (await opts.done()))) break;
    if (t - t0 > (opts.timeoutMs ?? 60_000)) throw new Error('workerd never went quiet');
  }
  const idle = opts.idleNsPerMs * (performance.now() - t0);
  return Math.max(0, (last - c0 - idle) / 1e6);
}

/** The process's CPU while nothing is asked of it, in ns per ms of wall time. */
export async function idleRate(pid: number, ms = 1_500): Promise<number> {
  const c0 = cpuNs(pid);
  const t0 = performance.now();
  await sleep(ms);
  return (cpuNs(pid) - c0) / (performance.now() - t0);
}

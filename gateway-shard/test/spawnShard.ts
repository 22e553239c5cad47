import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A shard running as a child process through `tsx gateway-shard/src/cli.ts`. */
export interface ShardProcess {
  child: ChildProcess;
  /** Port of `/health` and `/metrics`, read from the start log line. */
  port: number;
  logs: string[];
  health(): Promise<{ status: string; spool: { depth: number }; shards: Record<string, string> }>;
  kill9(): Promise<void>;
  /** SIGTERM and wait for the exit. */
  stop(): Promise<number | null>;
}

/**
 * Spawns the shard CLI with `env` (SHARD_PORT forced to 0) and waits for its start line.
 * `entry` runs a bundled build with plain `node`; `script` runs a launcher (`run.sh`), as in production.
 */
export async function spawnShard(env: Record<string, string>, options: { entry?: string; nodeArgs?: string[]; script?: string } = {}): Promise<ShardProcess> {
  const args = options.entry ? [...(options.nodeArgs ?? []), options.entry] : [...(options.nodeArgs ?? []), '--import', 'tsx', CLI];
  // `script`: a shell launcher such as run.sh (which execs node), i.e. the shard as deployed.
  const child = spawn(options.script ? 'sh' : process.execPath, options.script ? [options.script] : args, {
    cwd: ROOT,
    env: { ...process.env, ...env, SHARD_PORT: '0', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`shard did not start:\n${logs.join('\n')}`)), 20_000);
    let buf = '';
    const onData = (chunk: Buffer) => {
      buf += chunk.toString();
      let i;
      while ((i = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        logs.push(line);
        if (logs.length > 2_000) logs.splice(0, 1_000);
        const m = /"msg":"shard started".*"port":(\d+)/.exec(line);
        if (m) {
          clearTimeout(timer);
          resolve(Number(m[1]));
        }
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`shard exited (${code}) before starting:\n${logs.join('\n')}`));
    });
  });
  return {
    child,
    port,
    logs,
    health: async () => (await fetch(`http://127.0.0.1:${port}/health`)).json() as never,
    async kill9() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

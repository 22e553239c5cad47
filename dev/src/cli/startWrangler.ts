import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

/** Options of {@link startWrangler}. */
export interface WranglerOptions {
  root: string;
  port: number;
  envFile: string;
  persistTo: string;
}

/** `wrangler dev` running in its own process group; `stop()` ends the whole group. */
export interface WranglerProcess {
  child: ChildProcess;
  stop(): Promise<void>;
}

const NOISE = /^(\s*$|⛅️|─+|Your Worker has access|Binding\s|env\.|\[wrangler:info\] Ready|⎔ Starting|Using secrets|Using vars|\s*\[b\] open|\s*\[d\] open|\s*\[c\] clear|\s*\[x\] to exit|╭|│|╰)/;

/**
 * Starts `wrangler dev` in local mode on 127.0.0.1 with the generated env file, telemetry and
 * the Request.cf fetch turned off (no network calls), in a detached process group so that
 * stopping it also stops workerd. Its useful output is forwarded, prefixed with `[worker]`.
 */
export function startWrangler(options: WranglerOptions): WranglerProcess {
  const child = spawn(
    process.execPath,
    [
      'node_modules/wrangler/bin/wrangler.js', 'dev', '--port', String(options.port), '--ip', '127.0.0.1',
      '--env-file', options.envFile, '--persist-to', options.persistTo, '--show-interactive-dev-session=false',
      '--log-level', 'log',
    ],
    {
      cwd: options.root,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false', FORCE_COLOR: '0', CI: process.env.CI ?? '' },
    },
  );
  for (const stream of [child.stdout!, child.stderr!]) {
    createInterface({ input: stream }).on('line', (line) => {
      if (!NOISE.test(line)) process.stderr.write(`[worker] ${line}\n`);
    });
  }
  let stopped: Promise<void> | undefined;
  return {
    child,
    stop: () =>
      (stopped ??= (async () => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        const exited = once(child, 'exit');
        const kill = (sig: NodeJS.Signals) => {
          try {
            process.kill(-child.pid!, sig);
          } catch {
            /* already gone */
          }
        };
        kill('SIGTERM');
        const timer = setTimeout(() => kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
        kill('SIGKILL'); // workerd children that outlived wrangler, if any
      })()),
  };
}

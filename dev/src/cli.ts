/**
 * `npm run dev`: checks its ports, creates `.dev.vars` on first run, starts the local stack
 * (PGlite, Neon proxy, Redis REST, QStash; or DATABASE_URL / REDIS_URL), applies migrations,
 * builds placeholder assets if missing, starts `wrangler dev`, waits for a healthy `/health`
 * and prints one table. Ctrl-C stops everything (process groups killed, ports freed).
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { findBusyPort, type PortNeed } from './cli/checkPorts';
import { ensureDevVars, parseDevVars, writeEnvFile } from './cli/devVars';
import { hasRealDiscord, startDiscordSimulator, startGatewayShard, type DiscordHookResult, type SimulatorLike } from './cli/discordHooks';
import { startDemo } from './cli/startDemo';
import { printTable } from './cli/printTable';
import { startWrangler, type WranglerProcess } from './cli/startWrangler';
import { jsonLogger } from './lib/log';
import { ROOT } from './lib/paths';
import { startLocalStack, type LocalStack } from './stack/startLocalStack';

const log = jsonLogger('dev');
const env = process.env;
const port = (name: string, dflt: number) => (env[name] ? Number(env[name]) : dflt);
const ports = {
  worker: port('WORKER_PORT', 8787),
  postgres: port('PG_PORT', 54329),
  neonProxy: port('NEON_PROXY_PORT', 54330),
  redisRest: port('REDIS_REST_PORT', 8079),
  qstash: port('QSTASH_PORT', 8080),
  sim: port('SIM_PORT', 8790),
  shard: port('SHARD_PORT', 8791),
};

async function main(): Promise<void> {
  const t0 = performance.now();
  const needs: PortNeed[] = [
    { port: ports.worker, what: 'Worker (wrangler dev)', variable: 'WORKER_PORT' },
    ...(env.DATABASE_URL ? [] : [{ port: ports.postgres, what: 'embedded Postgres', variable: 'PG_PORT' }]),
    { port: ports.neonProxy, what: 'Neon WebSocket proxy', variable: 'NEON_PROXY_PORT' },
    { port: ports.redisRest, what: 'Redis REST endpoint', variable: 'REDIS_REST_PORT' },
    { port: ports.qstash, what: 'QStash endpoint', variable: 'QSTASH_PORT' },
    { port: ports.shard, what: 'gateway shard /health', variable: 'SHARD_PORT' },
  ];
  const devVarsPath = join(ROOT, '.dev.vars');
  const firstVars = existsSync(devVarsPath) ? parseDevVars(readFileSync(devVarsPath, 'utf8')) : {};
  if (!hasRealDiscord(firstVars)) needs.push({ port: ports.sim, what: 'Discord simulator', variable: 'SIM_PORT' });
  const busy = await findBusyPort(needs);
  if (busy) {
    process.stderr.write(`npm run dev: port ${busy.port} (${busy.what}) is already in use — is another \`npm run dev\` running? Stop it or set ${busy.variable}.\n`);
    process.exit(1);
  }

  if (ensureDevVars(devVarsPath, join(ROOT, '.dev.vars.example'))) log('info', 'created .dev.vars with generated local secrets');
  const fileVars = parseDevVars(readFileSync(devVarsPath, 'utf8'));
  const dataDir = join(ROOT, '.data');
  mkdirSync(join(dataDir, 'dev'), { recursive: true });

  let stack: LocalStack | undefined;
  let wrangler: WranglerProcess | undefined;
  const extras: Pick<DiscordHookResult, 'rows' | 'stop'>[] = [];
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write('\nstopping…\n');
    await wrangler?.stop();
    for (const x of extras.reverse()) await x.stop().catch(() => {});
    await stack?.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  try {
    stack = await startLocalStack({
      ports: { postgres: ports.postgres, neonProxy: ports.neonProxy, redisRest: ports.redisRest, qstash: ports.qstash },
      databaseUrl: env.DATABASE_URL || undefined,
      redisUrl: env.REDIS_URL || undefined,
      pgliteDataDir: join(dataDir, 'pglite'),
      secrets: {
        redisToken: fileVars.UPSTASH_REDIS_REST_TOKEN,
        qstashToken: fileVars.QSTASH_TOKEN,
        qstashCurrentSigningKey: fileVars.QSTASH_CURRENT_SIGNING_KEY,
        qstashNextSigningKey: fileVars.QSTASH_NEXT_SIGNING_KEY,
      },
      log,
    });
    const workerUrl = `http://127.0.0.1:${ports.worker}`;
    // localhost (not 127.0.0.1) so browsers keep the dashboard's Secure cookies over plain http.
    const publicUrl = `http://localhost:${ports.worker}`;
    const vars: Record<string, string> = { PUBLIC_URL: publicUrl, WORKER_SELF_URL: workerUrl, ...fileVars, ...stack.vars };
    let sim: SimulatorLike | undefined;
    if (!hasRealDiscord(fileVars)) {
      const hook = await startDiscordSimulator(ROOT, ports.sim, dataDir, log);
      if (hook) {
        extras.push(hook);
        sim = hook.sim;
        Object.assign(vars, hook.vars);
      }
    }
    if (!vars.DISCORD_PUBLIC_KEY) {
      // No simulator and no credentials: placeholders keep the Worker's config valid; Discord calls will fail.
      log('warn', 'no Discord credentials and no simulator: using placeholders');
      Object.assign(vars, { DISCORD_APPLICATION_ID: '0', DISCORD_PUBLIC_KEY: '0'.repeat(64), DISCORD_BOT_TOKEN: 'placeholder', DISCORD_CLIENT_ID: '0', DISCORD_CLIENT_SECRET: 'placeholder' });
    }

    if (!existsSync(join(ROOT, 'app/build/index.html'))) {
      const build = spawnSync('npm', ['run', 'build', '-w', 'app'], { cwd: ROOT, stdio: 'inherit' });
      if (build.status !== 0) throw new Error('building the dashboard assets (npm run build -w app) failed');
    }
    const envFile = join(dataDir, 'dev', 'worker.env');
    writeEnvFile(envFile, vars);
    wrangler = startWrangler({ root: ROOT, port: ports.worker, envFile, persistTo: join(dataDir, 'wrangler') });
    wrangler.child.on('exit', (code) => {
      if (!stopping) {
        log('error', 'wrangler dev exited', { code });
        void shutdown(1);
      }
    });
    const health = await waitHealthy(`${workerUrl}/health`, 120_000);
    if (env.SHARD !== '0') {
      const shard = await startGatewayShard(ROOT, { port: ports.shard, workerUrl, vars, dataDir }, log);
      if (shard) extras.push(shard);
    }
    if (sim) extras.push(await startDemo(ROOT, sim, workerUrl, Number(env.DEMO_RATE ?? 1), log));
    const seconds = ((performance.now() - t0) / 1000).toFixed(1);
    printTable(
      [
        [publicUrl, 'Dashboard: open this and log in (Worker: API, /interactions; wrangler dev, local mode)'],
        [`${workerUrl}/health`, `health: ${health}`],
        [stack.databaseUrl.replace(/\/\/([^:@/]+):[^@]*@/, '//$1:***@'), stack.backends.postgres === 'pglite' ? 'Postgres: embedded PGlite (data in .data/pglite)' : 'Postgres: DATABASE_URL'],
        [`ws://${stack.neonWsProxy}/v2`, 'Neon WebSocket-to-TCP proxy (NEON_WS_PROXY)'],
        [stack.redisRestUrl, `Redis: Upstash REST endpoint (${stack.backends.redis === 'memory' ? 'embedded engine' : 'REDIS_URL'})`],
        [stack.qstash.url, 'QStash endpoint (publish, delivery, /v2/dlq)'],
        ...extras.flatMap((x) => x.rows),
      ],
      `edge-admin local stack ready in ${seconds} s — Ctrl-C stops everything`,
    );
  } catch (err) {
    log('error', 'npm run dev failed', { error: (err as Error).message });
    await shutdown(1);
  }
}

/** Polls `/health` until 200; returns a one-line summary of the check latencies. */
async function waitHealthy(url: string, timeoutMs: number): Promise<string> {
  const end = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < end) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
      const body = (await res.json()) as { checks?: Record<string, { ok: boolean; latencyMs: number }>; config?: { problems?: string[] } };
      if (res.ok && body.checks) return Object.entries(body.checks).map(([k, v]) => `${k} ${v.ok ? 'ok' : 'DOWN'} ${v.latencyMs} ms`).join(', ');
      last = body.config?.problems?.join('; ') ?? JSON.stringify(body.checks ?? body);
    } catch (err) {
      last = (err as Error).message;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the Worker did not become healthy within ${timeoutMs / 1000} s: ${last}`);
}

void main();

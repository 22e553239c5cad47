import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { GatewayIntentBits as I } from 'discord-api-types/v10';
import { measureRss } from '/work/main/bench/shardRss';
import { startFakeIngest } from '/work/main/gateway-shard/test/fakeIngest';

const SECRET = 'bench-shard-secret-0123456789';
const intents = I.Guilds | I.GuildMembers | I.GuildMessages | I.GuildMessageReactions | I.GuildVoiceStates | I.MessageContent;
const dir = mkdtempSync(join(tmpdir(), 'exp-'));
const ingest = await startFakeIngest(SECRET);
const entry = '/work/main/gateway-shard/dist/exp-shard.mjs';
await build({ entryPoints: ['/work/main/gateway-shard/src/cli.ts'], bundle: true, platform: 'node', format: 'esm', packages: (process.env.BUNDLE_ALL ? undefined : 'external') as never, external: ['better-sqlite3'], target: 'node20', outfile: entry, logLevel: 'error', absWorkingDir: '/work/main' });
await build({ entryPoints: ['/work/main/gateway-shard/src/cli.ts'], bundle: true, minify: true, platform: 'node', format: 'esm', external: ['better-sqlite3', 'bufferutil', 'utf-8-validate', 'zlib-sync'], target: 'node20', outfile: '/work/main/gateway-shard/dist/exp-all.mjs', logLevel: 'error', absWorkingDir: '/work/main', banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" } });
const variants = JSON.parse(process.env.VARIANTS ?? '{}') as Record<string, { args: string[]; env?: Record<string, string> }>;
let i = 0;
const procs = Object.entries(variants).map(([name, v]) => ({
  name,
  args: v.args.map((a) => (a === 'SHARD' ? entry : a === 'SHARDALL' ? '/work/main/gateway-shard/dist/exp-all.mjs' : a === 'DJS' ? '/work/main/bench/fixtures/djsClient.mjs' : a)),
  env: { WORKER_URL: ingest.url, SHARD_SECRET: SECRET, SHARD_SPOOL_PATH: join(dir, `s${i++}.sqlite`), SHARD_CONFIG_LINK: '0', SHARD_INTENTS: String(intents), SHARD_PORT: '0', ...v.env },
}));
const t0 = Date.now();
const r = await measureRss({ guilds: 1000, membersPerGuild: 100, events: Number(process.env.EVENTS ?? 10000), rate: Number(process.env.RATE ?? 500), intents }, procs);
for (const [k, v] of Object.entries(r)) console.log(k.padEnd(24), 'peak', v.peakMb.toFixed(1), 'steady', v.steadyMb.toFixed(1), 'connected', v.connectedMb.toFixed(1));
console.log('took', (Date.now() - t0) / 1000, 's; ingest events', ingest.events.size);
await ingest.close();
process.exit(0);

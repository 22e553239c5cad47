/**
 * Bundles the shard into one file, `gateway-shard/dist/shard.mjs`, run by plain `node`
 * (`run.sh`, the Dockerfile, the systemd unit). Why a bundle: running the TypeScript sources
 * through tsx adds a loader thread and esbuild's service to the process, and loading some
 * hundred files of dependencies costs more memory than one file. better-sqlite3 stays
 * external (native addon), as do the optional native helpers of `ws` and `@discordjs/ws`.
 * Usage: `node gateway-shard/build.mjs`; `import { buildShard }` from the bench.
 */
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** Path of the bundle. */
export const SHARD_BUNDLE = fileURLToPath(new URL('./dist/shard.mjs', import.meta.url));

/** Builds the bundle (about a second); returns its path. */
export async function buildShard() {
  await build({
    entryPoints: [fileURLToPath(new URL('./src/cli.ts', import.meta.url))],
    outfile: SHARD_BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'esm',
    // Bundled CommonJS dependencies call require() for node built-ins.
    banner: { js: "import { createRequire as __shardRequire } from 'node:module'; const require = __shardRequire(import.meta.url);" },
    target: 'node20',
    minify: true,
    sourcemap: 'linked',
    external: ['better-sqlite3', 'bufferutil', 'utf-8-validate', 'zlib-sync'],
    logLevel: 'warning',
  });
  return SHARD_BUNDLE;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildShard();

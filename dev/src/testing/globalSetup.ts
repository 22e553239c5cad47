import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../lib/paths';

/** The newest modification time under `path` (a file or a folder), in ms. */
function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newest(join(path, name))), st.mtimeMs);
}

/**
 * Vitest global setup: the Worker serves the dashboard's build as static assets, and wrangler
 * refuses to start when that folder is missing; the browser tests need it to match the source.
 * Building it here, once and before any test file runs, keeps `npm install && npm test` working
 * on a fresh clone and after a pull; building it from inside a test would empty the folder while
 * other files' Workers are starting.
 */
export default function globalSetup(): void {
  const index = `${ROOT}app/build/index.html`;
  const built = existsSync(index) && !existsSync(`${ROOT}app/build/.placeholder`) ? statSync(index).mtimeMs : 0;
  const sources = ['app/src', 'app/static', 'app/svelte.config.js', 'app/vite.config.ts', 'app/package.json', 'workers/src/modules', 'workers/src/platform'];
  if (built && sources.every((s) => newest(`${ROOT}${s}`) <= built)) return;
  execFileSync('npm', ['run', 'build', '-w', 'app'], { cwd: ROOT, stdio: 'ignore' });
}

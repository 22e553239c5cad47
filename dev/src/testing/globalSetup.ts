import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { ROOT } from '../lib/paths';

/**
 * Vitest global setup: the Worker serves the dashboard's build as static assets, and wrangler
 * refuses to start when that folder is missing. Building it here, once and before any test file
 * runs, keeps `npm install && npm test` working on a fresh clone; building it from inside a test
 * would empty the folder while other files' Workers are starting.
 */
export default function globalSetup(): void {
  const build = `${ROOT}app/build`;
  if (existsSync(`${build}/index.html`) && !existsSync(`${build}/.placeholder`)) return;
  execFileSync('npm', ['run', 'build', '-w', 'app'], { cwd: ROOT, stdio: 'ignore' });
}

import { chmodSync, copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';

/** Placeholders in `.dev.vars.example` that the first `npm run dev` replaces with fresh secrets. */
const GENERATORS: Record<string, () => string> = {
  '<generate:hex32>': () => randomBytes(32).toString('hex'),
  '<generate:token>': () => randomBytes(24).toString('base64url'),
  '<generate:signing-key>': () => `sig_${randomBytes(24).toString('base64url')}`,
};

/**
 * Creates `.dev.vars` from `.dev.vars.example` when it does not exist, replacing each
 * `<generate:...>` placeholder with a fresh random value. Returns true when it created it.
 */
export function ensureDevVars(path: string, examplePath: string): boolean {
  if (existsSync(path)) return false;
  copyFileSync(examplePath, path);
  const text = readFileSync(path, 'utf8').replace(/<generate:[a-z0-9-]+>/g, (p) => GENERATORS[p]?.() ?? p);
  writeFileSync(path, text, { mode: 0o600 });
  chmodSync(path, 0o600);
  return true;
}

/** Parses a dotenv-style file (`KEY=value`, `#` comments, optional quotes). */
export function parseDevVars(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const m = /^([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!m) continue;
    let v = m[2]!;
    if ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'"))) v = v.slice(1, -1);
    out[m[1]!] = v;
  }
  return out;
}

/** Writes variables as a dotenv file readable only by the owner (it holds secrets). */
export function writeEnvFile(path: string, vars: Record<string, string>): void {
  const body = Object.entries(vars)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join('\n');
  writeFileSync(path, `${body}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
}

// Writes a minimal static page until the SvelteKit dashboard builds into app/build.
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
const out = new URL('../build/', import.meta.url);
mkdirSync(out, { recursive: true });
if (!existsSync(new URL('index.html', out))) {
  writeFileSync(new URL('index.html', out), '<!doctype html><title>edge-admin</title><p>Dashboard not built yet.</p>');
}

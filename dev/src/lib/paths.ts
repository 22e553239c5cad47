import { fileURLToPath } from 'node:url';

/** The repository root (where package.json and wrangler.toml live). */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The root wrangler.toml, the Worker's configuration. */
export const WRANGLER_CONFIG = fileURLToPath(new URL('../../../wrangler.toml', import.meta.url));

import type { z } from 'zod';

/**
 * The config schema of each module, imported from the Worker's module folder so the
 * dashboard validates with exactly what the API validates with. Loaded lazily: the
 * overview page never pays for zod.
 */
export const configSchemas: Record<string, () => Promise<z.ZodType>> = {
  welcome: () => import('$workers/modules/welcome/config').then((m) => m.welcomeConfigSchema),
  stats: () => import('$workers/modules/stats/config').then((m) => m.statsConfigSchema),
};

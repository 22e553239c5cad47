import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Config } from '../env';
import { createLogger } from '@edge/shared/log';
import type { ModuleDefinition } from './ModuleDefinition';
import { ModuleRegistry } from './registry';
import { flushModules } from './flushModules';
import { sqliteLocalStore } from './testing/sqliteLocalStore';

const mod = (id: string, flush?: ModuleDefinition['flush']): ModuleDefinition => ({
  id, name: id, description: id, icon: '', category: 'utility', availability: { free: true, premium: true, max: true },
  limits: {}, dependencies: [], events: [], intents: [], configSchema: z.object({}), ...(flush && { flush }),
});

describe('flushModules', () => {
  const base = { guildId: '1', log: createLogger({}, () => {}), now: new Date(), appConfig: { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' } as Config };

  it("runs every module's flush, keeps going past a failure, and opens no database nobody asked for", async () => {
    const local = sqliteLocalStore();
    const seen: string[] = [];
    const registry = new ModuleRegistry([
      mod('a', async (ctx) => (seen.push(`a:${ctx.guildId}`), { statements: 0, pending: false })),
      mod('b', async () => { throw new Error('Neon down'); }),
      mod('c'),
      mod('d', async (ctx) => (seen.push(String(ctx.local === local)), { statements: 0, pending: true })),
    ]);
    const report = await flushModules(registry, { ...base, local });
    expect(seen).toEqual(['a:1', 'true']);
    expect(report).toEqual({ outcomes: { a: { statements: 0, pending: false }, d: { statements: 0, pending: true } }, failed: ['b'] });
    local.close();
  });
});

import { PGlite } from '@electric-sql/pglite';
import { MIGRATIONS_FOLDER } from '@edge/drizzle';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Db } from '../lib/db';
import { createLogger } from '@edge/shared/log';
import { HubCore, type CommittedChange } from './hub/HubCore';
import type { ModuleDefinition } from './ModuleDefinition';
import { ModuleRegistry } from './registry';
import { runLifecycle } from './runLifecycle';

const GUILD = '111111111111111111';
const calls: string[] = [];
const schema = z.object({ word: z.string().default('a').meta({ title: 'Word', description: 'A word' }) });
const hooked: ModuleDefinition<typeof schema> = {
  id: 'hooked', name: 'Hooked', description: 'd', icon: 'h', category: 'utility', availability: { free: true, premium: true, max: true },
  limits: {}, dependencies: [], events: [], intents: [], configSchema: schema,
  onEnable: async (ctx) => void calls.push(`enable ${ctx.guildId} ${ctx.config.word} by ${ctx.actorId}`),
  onDisable: async (ctx) => void calls.push(`disable ${ctx.config.word}`),
  onConfigChange: async (ctx, before) => {
    if (ctx.config.word === 'boom') throw new Error('hook failed');
    calls.push(`config ${before.word} → ${ctx.config.word} (${ctx.plan})`);
  },
};
const registry = new ModuleRegistry([hooked as ModuleDefinition]);
let client: PGlite;
let core: HubCore;
const logged: string[] = [];
const pending: Promise<void>[] = [];

beforeAll(async () => {
  client = await PGlite.create();
  const pdb = drizzle(client);
  await migrate(pdb, { migrationsFolder: MIGRATIONS_FOLDER });
  const storage = new Map<string, unknown>();
  const log = createLogger({}, (line) => logged.push(line));
  core = new HubCore({
    storage: { get: async (k) => storage.get(k) as never, put: async (k, v) => void storage.set(k, v), delete: async (k) => storage.delete(k) },
    registry, withDb: (fn) => fn(pdb as unknown as Db), broadcast: () => {}, notifyShard: async () => {},
    // As the GuildHub wires it (there in waitUntil).
    onModuleChange: (change: CommittedChange) => void pending.push(runLifecycle(registry, change, { appConfig: {} as never, log, hub: () => ({}) as never })),
  });
});
afterAll(async () => client?.close());

const settle = async () => {
  await Promise.all(pending.splice(0));
};

describe('module lifecycle hooks', () => {
  it('run on enable, on a config change while on, and on disable, with the module services', async () => {
    await core.enable(GUILD, { moduleId: 'hooked', actorId: '222222222222222222' });
    await settle();
    await core.configure(GUILD, { moduleId: 'hooked', config: { word: 'b' }, actorId: null });
    await settle();
    await core.disable(GUILD, { moduleId: 'hooked', actorId: null });
    await settle();
    // A config saved while off is not a change of a running module.
    await core.configure(GUILD, { moduleId: 'hooked', config: { word: 'c' }, actorId: null });
    await settle();
    expect(calls).toEqual([`enable ${GUILD} a by 222222222222222222`, 'config a → b (free)', 'disable b']);
  });

  it('a failing hook is logged and never undoes the change', async () => {
    await core.enable(GUILD, { moduleId: 'hooked', actorId: null });
    await settle();
    const result = await core.configure(GUILD, { moduleId: 'hooked', config: { word: 'boom' }, actorId: null });
    await settle();
    expect(result.state.config).toEqual({ word: 'boom' });
    expect((await core.getState(GUILD)).modules.hooked).toMatchObject({ enabled: true, config: { word: 'boom' } });
    expect(logged.some((l) => l.includes('module lifecycle hook failed') && l.includes('hook failed'))).toBe(true);
  });
});

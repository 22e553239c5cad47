import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { GuildState } from '../hub/GuildState';
import type { ModuleDefinition } from '../ModuleDefinition';
import { ModuleRegistry } from '../registry';
import { checkConfigure, checkDisable, checkEnable, checkVersion } from './checks';
import { ModuleError } from './ModuleError';

const mod = (id: string, extra: Partial<ModuleDefinition> = {}): ModuleDefinition => ({
  id, name: id, description: id, icon: '*', category: 'utility',
  availability: { free: true, premium: true, max: true }, limits: {}, dependencies: [], events: [], intents: [],
  configSchema: z.object({ items: z.array(z.string()).default([]) }),
  usage: (c: { items: string[] }) => ({ items: c.items.length }),
  ...extra,
} as ModuleDefinition);

const registry = new ModuleRegistry([
  mod('base'),
  mod('core', { alwaysOn: true }),
  mod('child', { dependencies: ['base'] }),
  mod('paid', { availability: { free: false, premium: true, max: true } }),
  mod('limited', { limits: { free: { items: 2 }, premium: { items: -1 } } }),
]);

const state = (plan: GuildState['plan'], enabled: string[] = []): GuildState => ({
  guildId: '1', plan, guild: null,
  modules: Object.fromEntries(enabled.map((id) => [id, { enabled: true, config: { items: [] }, version: 1, updatedAt: null }])),
});

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ModuleError);
    return (e as ModuleError).code;
  }
  return undefined;
}

describe('module manager checks (seed 000)', () => {
  it('refuses an unknown module with 404 ModuleNotFound', () => {
    expect(codeOf(() => checkEnable(registry, state('free'), 'nope'))).toBe('ModuleNotFound');
    try { checkEnable(registry, state('free'), 'nope'); } catch (e) { expect((e as ModuleError).status).toBe(404); }
  });

  it('refuses a module not available on the plan, allows it on premium', () => {
    expect(codeOf(() => checkEnable(registry, state('free'), 'paid'))).toBe('ModuleNotAvailableOnPlan');
    expect(checkEnable(registry, state('premium'), 'paid').enabled).toBe(true);
  });

  it('needs dependencies on; always-on modules count as on', () => {
    expect(codeOf(() => checkEnable(registry, state('free'), 'child'))).toBe('ModuleDependencyMissing');
    expect(checkEnable(registry, state('free', ['base']), 'child').enabled).toBe(true);
    const withCore = new ModuleRegistry([mod('core', { alwaysOn: true }), mod('x', { dependencies: ['core'] })]);
    expect(checkEnable(withCore, state('free'), 'x').enabled).toBe(true);
  });

  it('enforces limits per plan, -1 unlimited', () => {
    expect(checkEnable(registry, state('free'), 'limited', { items: ['a', 'b'] }).config).toEqual({ items: ['a', 'b'] });
    expect(codeOf(() => checkEnable(registry, state('free'), 'limited', { items: ['a', 'b', 'c'] }))).toBe('ModuleLimitExceeded');
    expect(codeOf(() => checkConfigure(registry, state('free'), 'limited', { items: ['a', 'b', 'c'] }))).toBe('ModuleLimitExceeded');
    expect(checkConfigure(registry, state('premium'), 'limited', { items: Array(50).fill('a') }).config).toMatchObject({ items: expect.any(Array) });
  });

  it('rejects an invalid config with the issues', () => {
    try {
      checkConfigure(registry, state('free'), 'base', { items: 'nope' });
      expect.unreachable();
    } catch (e) {
      expect((e as ModuleError).code).toBe('ModuleConfigInvalid');
      expect((e as ModuleError).status).toBe(400);
      expect((e as ModuleError).options.details).toMatchObject({ issues: [{ path: 'items' }] });
    }
  });

  it('refuses to disable always-on modules and modules others need', () => {
    expect(codeOf(() => checkDisable(registry, state('free'), 'core'))).toBe('ModuleAlwaysOn');
    expect(codeOf(() => checkDisable(registry, state('free', ['base', 'child']), 'base'))).toBe('ModuleRequiredByOther');
    expect(checkDisable(registry, state('free', ['base']), 'base').enabled).toBe(false);
  });

  it('detects a stale edit', () => {
    expect(codeOf(() => checkVersion(state('free', ['base']), 'base', 0))).toBe('ModuleVersionConflict');
    expect(codeOf(() => checkVersion(state('free', ['base']), 'base', 1))).toBeUndefined();
  });

  it('refuses a registry with an unknown dependency', () => {
    expect(() => new ModuleRegistry([mod('a', { dependencies: ['ghost'] })])).toThrow(/unknown module ghost/);
  });

  it('computes the events a guild needs from its enabled modules', () => {
    const r = new ModuleRegistry([mod('a', { events: ['MESSAGE_CREATE' as never] }), mod('b', { events: ['GUILD_MEMBER_ADD' as never, 'MESSAGE_CREATE' as never] })]);
    expect(r.eventsFor(['a', 'b'])).toEqual(['GUILD_MEMBER_ADD', 'MESSAGE_CREATE']);
    expect(r.eventsFor(['a'])).toEqual(['MESSAGE_CREATE']);
  });
});

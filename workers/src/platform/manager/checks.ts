import type { GuildState, ModuleState } from '../hub/GuildState';
import type { ModuleDefinition, Plan } from '../ModuleDefinition';
import type { ModuleRegistry } from '../registry';
import { ModuleError } from './ModuleError';

/** One limited resource of a module on a plan: the limit (-1 unlimited) and what the config uses. */
export interface LimitUsage {
  limit: number;
  used: number;
}

/** Limits of a module on a plan with the usage of a config, keyed by resource. */
export function limitsAndUsage(def: ModuleDefinition, plan: Plan, config: unknown): Record<string, LimitUsage> {
  const limits = def.limits[plan] ?? {};
  const usage = def.usage ? def.usage(config as never) : {};
  const out: Record<string, LimitUsage> = {};
  for (const key of new Set([...Object.keys(limits), ...Object.keys(usage)])) {
    out[key] = { limit: limits[key] ?? -1, used: usage[key] ?? 0 };
  }
  return out;
}

/** Throws `ModuleLimitExceeded` when the config uses more of a resource than the plan allows. */
export function assertLimits(def: ModuleDefinition, plan: Plan, config: unknown): void {
  const over = Object.entries(limitsAndUsage(def, plan, config)).filter(([, u]) => u.limit !== -1 && u.used > u.limit);
  if (over.length === 0) return;
  const what = over.map(([k, u]) => `${k}: ${u.used} used, ${u.limit} allowed`).join('; ');
  throw new ModuleError('ModuleLimitExceeded', `The ${plan} plan's limits for ${def.id} are exceeded (${what})`, {
    moduleId: def.id,
    plan,
    exceeded: Object.fromEntries(over),
  });
}

/** Throws `ModuleNotAvailableOnPlan` when the module cannot run on the plan. */
export function assertAvailable(def: ModuleDefinition, plan: Plan): void {
  if (!def.availability[plan]) {
    throw new ModuleError('ModuleNotAvailableOnPlan', `Module ${def.id} is not available on the ${plan} plan`, { moduleId: def.id, plan });
  }
}

/** Validates a raw config with the module's schema; throws `ModuleConfigInvalid` with the issues. */
export function parseConfig(def: ModuleDefinition, raw: unknown): unknown {
  const parsed = def.configSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    throw new ModuleError('ModuleConfigInvalid', `Invalid ${def.id} config: ${issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}`, {
      moduleId: def.id,
      issues,
    });
  }
  return parsed.data;
}

/** The state a module would have after a change: the manager's output, committed by the hub. */
export type NextState = Pick<ModuleState, 'enabled' | 'config'>;

function current(registry: ModuleRegistry, state: GuildState, id: string): ModuleState {
  return state.modules[id] ?? { enabled: false, config: registry.defaultConfig(id), version: 0, updatedAt: null };
}

/**
 * Seed 000 activation checks, in order: the module exists, is available on the guild's plan,
 * its dependencies are on, and the config (given or current) is valid and within limits.
 */
export function checkEnable(registry: ModuleRegistry, state: GuildState, moduleId: string, config?: unknown): NextState {
  const def = registry.require(moduleId);
  assertAvailable(def, state.plan);
  const missing = def.dependencies.filter((dep) => !state.modules[dep]?.enabled && !registry.get(dep)?.alwaysOn);
  if (missing.length > 0) {
    throw new ModuleError('ModuleDependencyMissing', `Module ${moduleId} needs ${missing.join(', ')} enabled first`, { moduleId, missing });
  }
  const next = parseConfig(def, config === undefined ? current(registry, state, moduleId).config : config);
  assertLimits(def, state.plan, next);
  return { enabled: true, config: next };
}

/** Checks a module may be turned off: it exists, is not always-on, and no enabled module needs it. */
export function checkDisable(registry: ModuleRegistry, state: GuildState, moduleId: string): NextState {
  const def = registry.require(moduleId);
  if (def.alwaysOn) throw new ModuleError('ModuleAlwaysOn', `Module ${moduleId} is always on`, { moduleId });
  const dependents = registry
    .all()
    .filter((d) => d.dependencies.includes(moduleId) && state.modules[d.id]?.enabled)
    .map((d) => d.id);
  if (dependents.length > 0) {
    throw new ModuleError('ModuleRequiredByOther', `Module ${moduleId} is needed by ${dependents.join(', ')}; disable them first`, {
      moduleId,
      dependents,
    });
  }
  return { enabled: false, config: current(registry, state, moduleId).config };
}

/** Validates a new config for a module (enabled or not): exists, available, valid, within limits. */
export function checkConfigure(registry: ModuleRegistry, state: GuildState, moduleId: string, config: unknown): NextState {
  const def = registry.require(moduleId);
  assertAvailable(def, state.plan);
  const next = parseConfig(def, config);
  assertLimits(def, state.plan, next);
  return { enabled: current(registry, state, moduleId).enabled || !!def.alwaysOn, config: next };
}

/** Throws `ModuleVersionConflict` when the caller edited an outdated version (two admins at once). */
export function checkVersion(state: GuildState, moduleId: string, expected: number | undefined): void {
  const actual = state.modules[moduleId]?.version ?? 0;
  if (expected !== undefined && expected !== actual) {
    throw new ModuleError('ModuleVersionConflict', `Module ${moduleId} changed meanwhile (version ${actual}, you edited ${expected}); reload`, {
      moduleId,
      expected,
      actual,
    });
  }
}

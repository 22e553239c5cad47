import type { GuildState } from '../hub/GuildState';
import type { ModuleCategory, Plan } from '../ModuleDefinition';
import { registry as defaultRegistry, type ModuleRegistry } from '../registry';
import { limitsAndUsage, type LimitUsage } from './checks';

/** One module as the dashboard lists it for a guild. */
export interface ModuleListing {
  id: string;
  name: string;
  description: string;
  icon: string;
  category: ModuleCategory;
  enabled: boolean;
  alwaysOn: boolean;
  /** Can be enabled on the guild's plan. */
  available: boolean;
  /** Plans on which it is available (for an "upgrade" hint). */
  plans: Plan[];
  dependencies: string[];
  config: unknown;
  version: number;
  updatedAt: string | null;
  /** Limits of the guild's plan with the current config's usage. */
  limits: Record<string, LimitUsage>;
}

/** Every module with the guild's state, availability, limits and usage. */
export function listModules(state: GuildState, registry: ModuleRegistry = defaultRegistry): { plan: Plan; modules: ModuleListing[] } {
  return {
    plan: state.plan,
    modules: registry.all().map((def) => {
      const m = state.modules[def.id] ?? { enabled: !!def.alwaysOn, config: registry.defaultConfig(def.id), version: 0, updatedAt: null };
      return {
        id: def.id, name: def.name, description: def.description, icon: def.icon, category: def.category,
        enabled: m.enabled, alwaysOn: !!def.alwaysOn, available: def.availability[state.plan],
        plans: (Object.keys(def.availability) as Plan[]).filter((p) => def.availability[p]),
        dependencies: def.dependencies, config: m.config, version: m.version, updatedAt: m.updatedAt,
        limits: limitsAndUsage(def, state.plan, m.config),
      };
    }),
  };
}

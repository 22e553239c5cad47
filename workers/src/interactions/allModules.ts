import { coreModule } from '../modules/core/definition';
import type { ModuleDefinition } from '../modules/ModuleDefinition';
import { registry } from '../modules/registry';

/**
 * Every module whose commands the instance serves: the registry's, plus `core` when the
 * registry does not list it itself.
 */
export function allModules(): readonly ModuleDefinition[] {
  const registered = registry.all();
  return registered.some((m) => m.id === coreModule.id) ? registered : [coreModule, ...registered];
}

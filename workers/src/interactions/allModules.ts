import type { ModuleDefinition } from '../modules/ModuleDefinition';
import { registry } from '../modules/registry';

/** Every module whose commands, components, modals and jobs the instance serves: the registry's. */
export function allModules(): readonly ModuleDefinition[] {
  return registry.all();
}

import type { ModuleDefinition } from '../platform/ModuleDefinition';
import { registry } from '../platform/registry';

/** Every module whose commands, components, modals and jobs the instance serves: the registry's. */
export function allModules(): readonly ModuleDefinition[] {
  return registry.all();
}

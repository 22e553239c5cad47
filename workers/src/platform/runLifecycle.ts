import type { CommittedChange } from './hub/HubCore';
import type { ModuleRegistry } from './registry';
import type { ModuleServicesInit } from './ModuleServices';
import { ModuleServices } from './ModuleServices';

/**
 * Runs a module's lifecycle hooks for a committed change: `onEnable` when it was turned on,
 * `onDisable` when turned off, `onConfigChange` when its config changed while on. A failing
 * hook is logged, never undoes the change (the admin's write already happened).
 */
export async function runLifecycle(
  registry: ModuleRegistry,
  change: CommittedChange,
  init: Omit<ModuleServicesInit, 'moduleId' | 'guildId' | 'requestId'>,
): Promise<void> {
  const def = registry.get(change.moduleId);
  if (!def) return;
  const wasOn = change.before?.enabled ?? false;
  const isOn = change.after.enabled;
  const configChanged = JSON.stringify(change.before?.config) !== JSON.stringify(change.after.config);
  const hook =
    !wasOn && isOn ? def.onEnable && (() => def.onEnable!(ctx))
    : wasOn && !isOn ? def.onDisable && (() => def.onDisable!(ctx))
    : isOn && configChanged ? def.onConfigChange && (() => def.onConfigChange!(ctx, change.before?.config))
    : undefined;
  if (!hook) return;
  const services = new ModuleServices({ ...init, moduleId: def.id, guildId: change.guildId, requestId: change.requestId ?? `lifecycle:${def.id}` });
  const ctx = Object.assign(services.context({ config: change.after.config, plan: change.plan }), { guildId: change.guildId, actorId: change.actorId });
  const log = init.log.child({ moduleId: def.id, guildId: change.guildId });
  try {
    await hook();
  } catch (err) {
    log.error('module lifecycle hook failed', { error: (err as Error).message });
  } finally {
    await services.close();
  }
}

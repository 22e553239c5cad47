import type { ModuleDefinition } from '../platform/ModuleDefinition';
import type { ComponentHandler, ModalHandler, SlashCommand, UserCommand } from './types';

/** A handler and the module that declared it. */
export interface Routed<H> {
  module: ModuleDefinition;
  handler: H;
}

/**
 * The lookup tables from command names and `custom_id` prefixes to handlers, built once per
 * isolate from the module definitions. Duplicates are a programming error and throw at build.
 */
export class InteractionRouter {
  readonly commands = new Map<string, Routed<SlashCommand>>();
  readonly userCommands = new Map<string, Routed<UserCommand>>();
  readonly components = new Map<string, Routed<ComponentHandler>>();
  readonly modals = new Map<string, Routed<ModalHandler>>();
  /** The module answering guild commands no module declares (admin-defined ones), if any. */
  readonly guildCommands: Routed<Pick<SlashCommand, 'execute'>> | undefined;

  constructor(readonly modules: readonly ModuleDefinition[]) {
    const dynamic = modules.filter((m) => m.guildCommands);
    if (dynamic.length > 1) throw new Error(`Modules ${dynamic.map((m) => m.id).join(', ')} all answer undeclared guild commands`);
    this.guildCommands = dynamic[0] && { module: dynamic[0], handler: dynamic[0].guildCommands! };
    for (const module of modules) {
      for (const c of module.commands ?? []) add(this.commands, c.data.name, { module, handler: c }, 'command');
      for (const c of module.userCommands ?? []) add(this.userCommands, c.data.name, { module, handler: c }, 'user command');
      for (const c of module.components ?? []) add(this.components, c.prefix, { module, handler: c }, 'component prefix');
      for (const m of module.modals ?? []) add(this.modals, m.prefix, { module, handler: m }, 'modal prefix');
    }
  }
}

function add<H>(map: Map<string, Routed<H>>, key: string, value: Routed<H>, what: string): void {
  const existing = map.get(key);
  if (existing) throw new Error(`Duplicate ${what} "${key}" in modules ${existing.module.id} and ${value.module.id}`);
  map.set(key, value);
}

import type { GatewayDispatchEvents, GatewayIntentBits } from 'discord-api-types/v10';
import { automodModule } from '../modules/automod';
import { coreModule } from '../modules/core';
import { customCommandsModule } from '../modules/customcommands';
import { economyModule } from '../modules/economy';
import { giveawaysModule } from '../modules/giveaways';
import { ModuleError } from './manager/ModuleError';
import { loggingModule } from '../modules/logging';
import { moderationModule } from '../modules/moderation';
import type { ModuleDefinition, Plan } from './ModuleDefinition';
import { pollsModule } from '../modules/polls';
import { rolesModule } from '../modules/roles';
import { schedulerModule } from '../modules/scheduler';
import { starboardModule } from '../modules/starboard';
import { levelingModule } from '../modules/leveling';
import { statsModule } from '../modules/stats';
import { ticketsModule } from '../modules/tickets';
import { welcomeModule } from '../modules/welcome';

/**
 * The set of known modules (seed 000 "Module Registry"). Built once per isolate; validated at
 * construction so a typo in a dependency fails at startup, not when an admin clicks.
 */
export class ModuleRegistry {
  private readonly byId = new Map<string, ModuleDefinition>();

  constructor(definitions: ModuleDefinition[]) {
    for (const d of definitions) {
      if (this.byId.has(d.id)) throw new Error(`module ${d.id} registered twice`);
      this.byId.set(d.id, d);
    }
    for (const d of definitions) this.#checkDependencies(d);
  }

  /**
   * Adds a module after construction: a test entry point registers a fixture module this way,
   * before the app is built, so every part of the platform (interactions, jobs, API, hub) sees it.
   */
  register(definition: ModuleDefinition): void {
    if (this.byId.has(definition.id)) throw new Error(`module ${definition.id} registered twice`);
    this.#checkDependencies(definition);
    this.byId.set(definition.id, definition);
  }

  #checkDependencies(d: ModuleDefinition): void {
    for (const dep of d.dependencies) {
      if (!this.byId.has(dep)) throw new Error(`module ${d.id} depends on unknown module ${dep}`);
    }
  }

  /** The module with this id, or undefined. */
  get(id: string): ModuleDefinition | undefined {
    return this.byId.get(id);
  }

  /** The module with this id; throws `ModuleNotFound` (404) otherwise. */
  require(id: string): ModuleDefinition {
    const d = this.byId.get(id);
    if (!d) throw new ModuleError('ModuleNotFound', `No module named "${id}"`, { moduleId: id });
    return d;
  }

  /** Every module, in registration order. */
  all(): ModuleDefinition[] {
    return [...this.byId.values()];
  }

  /** Modules that can be enabled on a plan. */
  availableOn(plan: Plan): ModuleDefinition[] {
    return this.all().filter((d) => d.availability[plan]);
  }

  /** A module's default config (its schema applied to `{}`). */
  defaultConfig(id: string): unknown {
    return this.require(id).configSchema.parse({});
  }

  /** The gateway events the given modules need (what the shard must forward for a guild). */
  eventsFor(moduleIds: Iterable<string>): GatewayDispatchEvents[] {
    const out = new Set<GatewayDispatchEvents>();
    for (const id of moduleIds) for (const e of this.byId.get(id)?.events ?? []) out.add(e);
    return [...out].sort();
  }

  /**
   * What the shard must forward for a guild where `moduleIds` are on: their events, then their
   * guild-scoped fields as `TYPE.path` entries (`MESSAGE_CREATE.content`; see `guildFields`).
   */
  needsFor(moduleIds: Iterable<string>): string[] {
    const ids = [...moduleIds];
    const grants = new Set<string>();
    for (const id of ids) {
      for (const [type, paths] of Object.entries(this.byId.get(id)?.guildFields ?? {})) for (const p of paths ?? []) grants.add(`${type}.${p}`);
    }
    return [...this.eventsFor(ids), ...[...grants].sort()];
  }

  /** The union of the intents of every module (what the shard identifies with). */
  intents(): GatewayIntentBits[] {
    const out = new Set<GatewayIntentBits>();
    for (const d of this.all()) for (const i of d.intents) out.add(i);
    return [...out].sort((a, b) => a - b);
  }
}

/** The instance's registry: every module that ships (`core`, always on, serves `/help`, `/ping`, `/about`, `/plan`). */
export const registry = new ModuleRegistry([coreModule, welcomeModule as ModuleDefinition, statsModule as ModuleDefinition, moderationModule as ModuleDefinition, automodModule as ModuleDefinition, loggingModule as ModuleDefinition, rolesModule as ModuleDefinition, pollsModule as ModuleDefinition, starboardModule as ModuleDefinition, economyModule as ModuleDefinition, levelingModule as ModuleDefinition, schedulerModule as ModuleDefinition, customCommandsModule as ModuleDefinition, ticketsModule as ModuleDefinition, giveawaysModule as ModuleDefinition]);

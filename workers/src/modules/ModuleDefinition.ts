import type { GatewayDispatchEvents, GatewayIntentBits } from 'discord-api-types/v10';
import type { Hono } from 'hono';
import type { z } from 'zod';
import type { ComponentHandler, ModalHandler, SlashCommand } from '../interactions/types';
import type { AppEnv } from '../types';

/** Plans a guild can be on. */
export type Plan = 'free' | 'premium' | 'max';

/** Dashboard navigation groups (seed 000 `ModuleCategory`). */
export type ModuleCategory = 'core' | 'engagement' | 'moderation' | 'utility' | 'analytics';

/** Numeric limits per plan; `-1` means unlimited, `0` means not allowed. */
export type PlanLimits = Record<string, number>;

/** Context handed to a module's gateway event handler (filled in by the ingest processor). */
export interface EventContext {
  /** Stable event id (idempotency key for any side effect). */
  eventId: string;
  guildId: string;
  /** The module's validated config for this guild. */
  config: unknown;
  plan: Plan;
}

/** Handles one gateway dispatch type for a module. */
export type EventHandler = (payload: unknown, ctx: EventContext & Record<string, unknown>) => Promise<void>;

/**
 * Everything a module is (ARCHITECTURE "Modules", seed 000 `ModuleDefinition`):
 * one object per module in `modules/<id>/definition.ts`, gathered by the registry.
 */
export interface ModuleDefinition<Schema extends z.ZodType = z.ZodType> {
  id: string;
  name: string;
  description: string;
  icon: string;
  category: ModuleCategory;
  /** Whether the module can be enabled on each plan. */
  availability: Record<Plan, boolean>;
  /** Limits per plan, e.g. `{ free: { autoroles: 1 }, premium: { autoroles: -1 } }`. */
  limits: Partial<Record<Plan, PlanLimits>>;
  /** Ids of modules that must be on for this one to be enabled. */
  dependencies: string[];
  /** Gateway dispatches this module consumes; the shard forwards nothing else. */
  events: GatewayDispatchEvents[];
  /** Gateway intents those events need. */
  intents: GatewayIntentBits[];
  /** The one source of validation of the module's config (API and dashboard forms). */
  configSchema: Schema;
  /** True for modules that are always on (core commands); they cannot be disabled. */
  alwaysOn?: boolean;
  commands?: SlashCommand[];
  components?: ComponentHandler[];
  modals?: ModalHandler[];
  eventHandlers?: Partial<Record<GatewayDispatchEvents, EventHandler>>;
  /** Routes mounted under `/api/guilds/:guildId/modules/<id>/`. */
  api?: Hono<AppEnv>;
}

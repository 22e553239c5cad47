import { z } from 'zod';
import { PLANS } from './Plan';

/**
 * What the module system's routes answer (`platform/modulesApi.ts`, `platform/planApi.ts`), as
 * zod schemas so `/api/docs` documents them like every core route. The handlers return the
 * manager's and the hub's types; `.openapi()` type-checks each answer against these, so the two
 * cannot drift apart.
 */
const Plan = z.enum(PLANS as ['free', 'premium', 'max']).meta({ description: 'The guild’s plan' });
const LimitUsage = z.object({ limit: z.number().int().meta({ description: '-1 = unlimited' }), used: z.number().int() });
const Limits = z.record(z.string(), LimitUsage).meta({ description: 'Per limited resource: the plan’s limit and what the config uses' });

/** One module as listed for a guild (`manager/listModules.ts`). */
export const ModuleListingBody = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    icon: z.string(),
    category: z.enum(['core', 'engagement', 'moderation', 'utility', 'analytics']),
    enabled: z.boolean(),
    alwaysOn: z.boolean(),
    available: z.boolean().meta({ description: 'Can be enabled on the guild’s plan' }),
    plans: z.array(Plan).meta({ description: 'Plans on which it is available' }),
    dependencies: z.array(z.string()),
    config: z.unknown().meta({ description: 'The module’s config (its defaults when never configured)' }),
    version: z.number().int().meta({ description: 'Bumped by every change; send it back as expectedVersion' }),
    updatedAt: z.string().nullable(),
    limits: Limits,
  })
  .meta({ id: 'ModuleListing' });

/** `GET /modules`. */
export const ModuleListBody = z.object({ plan: Plan, modules: z.array(ModuleListingBody) });

/** `GET /modules/{moduleId}`. */
export const ModuleDetailBody = z.object({
  plan: Plan,
  module: ModuleListingBody,
  schema: z.record(z.string(), z.unknown()).meta({ description: 'The module config as JSON Schema (the dashboard’s form is built from it)' }),
});

/** `GET /modules/{moduleId}/bot-permissions` (`botPermissions.ts`). */
export const BotPermissionsBody = z.object({
  required: z.string().meta({ description: 'The bits the module declares, as a decimal string' }),
  missing: z.array(z.string()).meta({ description: 'Names of the declared permissions the bot lacks in the guild' }),
  inviteUrl: z.string().nullable().meta({ description: 'An invite link asking for exactly the module’s bits; null when nothing is missing' }),
});

/** The result of enable, disable, config and rollback (`hub/HubCore.ts` `ModuleChangeResult`). */
export const ModuleChangeBody = z
  .object({
    moduleId: z.string(),
    action: z.enum(['enabled', 'disabled', 'configured', 'rollback']),
    state: z.object({ enabled: z.boolean(), config: z.unknown(), version: z.number().int(), updatedAt: z.string().nullable() }),
    revisionId: z.number().int(),
  })
  .meta({ id: 'ModuleChange' });

/** A config revision with its diff (`manager/revisions.ts`). */
export const RevisionBody = z
  .object({
    id: z.number().int(),
    guildId: z.string(),
    moduleId: z.string(),
    actorId: z.string().nullable(),
    reason: z.string().nullable(),
    before: z.unknown(),
    after: z.unknown(),
    diff: z.array(z.object({ path: z.string().meta({ description: 'Dotted path; empty for the root' }), before: z.unknown(), after: z.unknown() })),
    createdAt: z.string(),
  })
  .meta({ id: 'Revision' });

/** `GET /modules/{moduleId}/revisions`. */
export const RevisionListBody = z.object({ revisions: z.array(RevisionBody) });

/** `GET /plan`. */
export const PlanUsageBody = z.object({ plan: Plan, modules: z.array(z.object({ id: z.string(), available: z.boolean(), limits: Limits })) });

/** `PUT /plan`. */
export const PlanBody = z.object({ plan: Plan });

import type { InferRequestType, InferResponseType } from 'hono/client';
import type { ModuleChangeResult, ModuleListing, Revision } from '@edge/workers/api';
import type { core } from './core';

/**
 * The API's answers as the dashboard uses them, all derived from the Worker's route
 * declarations (the OpenAPI document at `/api/docs` says the same): none is written by hand.
 */
type Ok<F> = InferResponseType<F, 200>;
type Guild = (typeof core.guilds)[':guildId'];

export type Me = Ok<typeof core.me.$get>;
export type GuildSummary = Ok<typeof core.guilds.$get>['guilds'][number];
export type GuildOverview = Ok<Guild['$get']>;
export type Level = GuildOverview['access'];
export type Member = Ok<Guild['members'][':userId']['$get']>;
export type MembersPage = Ok<Guild['members']['$get']>;
export type Channel = Ok<Guild['channels']['$get']>['uncategorized'][number];
export type GroupedChannels = Ok<Guild['channels']['$get']>;
export type Role = Ok<Guild['roles']['$get']>['roles'][number];
export type AuditEntry = Ok<Guild['audit-log']['$get']>['entries'][number];
export type DiscordAuditPage = Ok<Guild['discord-audit-log']['$get']>;
export type Grant = Ok<Guild['access']['$get']>['grants'][number];
export type Capabilities = Ok<Guild['capabilities']['$get']>;
export type GuildSettings = Ok<Guild['settings']['$get']>;
export type Ban = Ok<Guild['bans']['$get']>['bans'][number];
export type UserName = Ok<Guild['users'][':userId']['$get']>;
/** A gateway event set aside after failing; its payload is never sent. */
export type DeadLetter = Ok<Guild['dead-letters']['$get']>['deadLetters'][number];
/** What the hub socket pushes, in one request (the fallback while the socket is down). */
export type HubLive = Ok<Guild['live']['$get']>;
/** The instance's use of the free tiers today (instance owners). */
export type InstanceUsage = Ok<typeof core.usage.$get>;
/** One free-tier quota of the instance meter. */
export type UsageQuota = InstanceUsage['quotas'][number];
/** What the channel form sends (create; an edit sends a subset). */
export type ChannelInput = InferRequestType<Guild['channels']['$post']>['json'];

/** A module as listed for a guild (module system, `GET /guilds/:id/modules`). */
export type ModuleEntry = ModuleListing;
/** What a module write answers (enable, disable, configure, rollback). */
export type ModuleChange = ModuleChangeResult;
/** A config revision with its diff. */
export type RevisionDetail = Revision;
/** The plan with each module's availability, limits and usage (`GET /guilds/:id/plan`). */
export interface PlanInfo {
  plan: ModuleListing['plans'][number];
  modules: Pick<ModuleListing, 'id' | 'available' | 'limits'>[];
}

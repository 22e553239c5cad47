import type { APIRole } from 'discord-api-types/v10';
import { botUserId } from '../../api/discord/botUser';
import { guildData } from '../../api/discord/guildData';
import { getRedis } from '../../lib/redis';
import { GuildAuthority, type GuildFacts } from '../../permissions';
import type { ModuleContext } from '../../platform/ModuleContext';
import type { FeedInput } from '../../platform/hub/feed';

/** The module services of one guild, as every Roles entry point has them. */
export type RolesServices = Pick<ModuleContext, 'rest' | 'appConfig' | 'hub' | 'log' | 'jobs' | 'plan'> & {
  guildId: string;
  /** In event processing: the run's feed (the hub writes it with the batch); elsewhere `hub.publish`. */
  report?: (item: FeedInput) => void;
};

/** The services of a module context in a guild (getters kept: `rest` and `hub` open on first use). */
export function rolesServices(ctx: ModuleContext, guildId = ctx.guildId): RolesServices {
  if (!guildId) throw new Error('roles needs a guild');
  return {
    guildId,
    get rest() { return ctx.rest; },
    get hub() { return ctx.hub; },
    appConfig: ctx.appConfig,
    log: ctx.log,
    jobs: ctx.jobs,
    plan: ctx.plan,
  };
}

const deps = (s: RolesServices) => ({ rest: s.rest, redis: getRedis(s.appConfig), guildId: s.guildId, config: s.appConfig });

/** The guild's owner and roles (Discord reads, cached 30 s). */
export async function guildFacts(s: RolesServices): Promise<Omit<GuildFacts, 'roles'> & { roles: APIRole[] }> {
  const d = deps(s);
  const [guild, roles] = await Promise.all([guildData.guild(d), guildData.roles(d)]);
  return { guildId: s.guildId, ownerId: guild.owner_id, roles };
}

/** A member's roles now, or null when they are not in the server. */
export async function memberRoles(s: RolesServices, userId: string): Promise<string[] | null> {
  return guildData.member(deps(s), userId).then((m) => m.roles, () => null);
}

/** The bot's authority in the guild (its roles read fresh): what Discord will let it do. */
export async function botAuthority(s: RolesServices, facts: GuildFacts): Promise<GuildAuthority> {
  const botId = await botUserId(deps(s));
  const roles = await memberRoles(s, botId);
  return new GuildAuthority(facts, roles ? { userId: botId, roles } : null);
}

/** The actor's authority from their roles (a slash command's member, a dashboard user read fresh). */
export function authorityOf(facts: GuildFacts, userId: string, roles: readonly string[] | null): GuildAuthority {
  return new GuildAuthority(facts, roles ? { userId, roles } : null);
}

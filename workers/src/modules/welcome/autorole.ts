import { Routes, type APIGuildMember, type APIRole } from 'discord-api-types/v10';
import type { EventContext } from '../../platform/ModuleDefinition';
import { runDiscord } from './discordFailure';
import { WELCOME_LIMITS } from './limits';

/**
 * Gives the configured roles to a new member. Roles beyond the plan's limit, roles at or above
 * the bot's highest role (Discord refuses them: https://discord.com/developers/docs/topics/permissions#permission-hierarchy),
 * managed roles and deleted roles are skipped, each with a clear feed and audit entry.
 */
export async function applyAutoroles(ctx: EventContext, userId: string, roleIds: string[]): Promise<void> {
  const limit = WELCOME_LIMITS[ctx.plan].autoroles ?? -1;
  const allowed = limit === -1 ? roleIds : roleIds.slice(0, limit);
  const base = { guildId: ctx.guildId, eventId: ctx.eventId, kind: 'welcome.autorole' };
  if (allowed.length < roleIds.length) {
    ctx.report(ctx.guildId, {
      module: 'welcome', kind: 'welcome.autorole', level: 'warn', eventId: ctx.eventId, audit: true,
      summary: `Autorole: the ${ctx.plan} plan gives at most ${limit} role(s); ${roleIds.length - allowed.length} skipped`,
      details: { skipped: roleIds.slice(allowed.length) },
    });
  }
  if (allowed.length === 0) return;
  const botId = ctx.appConfig.DISCORD_APPLICATION_ID;
  // Read once per batch and guild (ctx.memo), not per join: a raid of joins costs two GETs.
  const [roles, bot] = await Promise.all([
    ctx.memo(`welcome:roles:${ctx.guildId}`, () => ctx.rest.get(Routes.guildRoles(ctx.guildId)) as Promise<APIRole[]>),
    ctx.memo(`welcome:botMember:${ctx.guildId}`, () => ctx.rest.get(Routes.guildMember(ctx.guildId, botId)) as Promise<APIGuildMember>),
  ]);
  const byId = new Map(roles.map((r) => [r.id, r]));
  const botTop = Math.max(0, ...bot.roles.map((id) => byId.get(id)?.position ?? 0));
  const given: string[] = [];
  for (const roleId of allowed) {
    const role = byId.get(roleId);
    const problem = !role
      ? 'the role no longer exists'
      : role.managed
        ? `role ${role.name} is managed by an integration`
        : role.position >= botTop
          ? `role ${role.name} is at or above the bot's highest role; move the bot's role above it`
          : undefined;
    if (problem) {
      ctx.report(ctx.guildId, {
        module: 'welcome', kind: 'welcome.autorole', level: 'error', eventId: ctx.eventId, audit: true,
        summary: `Autorole skipped: ${problem}`, details: { roleId, userId },
      });
      continue;
    }
    const ok = await runDiscord(ctx, { ...base, what: `give role ${role!.name}`, details: { roleId, userId } }, () =>
      ctx.rest.put(Routes.guildMemberRole(ctx.guildId, userId, roleId), { reason: 'Welcome autorole' }),
    );
    if (ok) given.push(roleId);
  }
  if (given.length > 0) {
    ctx.report(ctx.guildId, { module: 'welcome', kind: 'welcome.autorole', level: 'info', eventId: ctx.eventId, summary: `Gave ${given.length} role(s) to a new member`, details: { userId, roleIds: given } });
  }
}

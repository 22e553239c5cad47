import { PermissionFlagsBits as P, Routes, type APIRole } from 'discord-api-types/v10';
import { discordCall } from '../../api/discord/botRest';
import { HttpError } from '../../errors';
import { PermissionError, type GuildAuthority } from '../../permissions';
import type { FeedInput } from '../../platform/hub/feed';
import type { RolePanel } from './config';
import { botAuthority, guildFacts, type RolesServices } from './guildReach';
import { planChange, type RoleChange } from './planChange';

/** A pick a member made on a panel. */
export interface Pick {
  panel: RolePanel;
  userId: string;
  /** The member's roles as the interaction carries them. */
  held: readonly string[];
  /** Role ids clicked or selected. */
  picked: readonly string[];
  /** How the audit line names where the pick came from (default: the panel). */
  source?: string;
}

const refuse = (message: string) => new HttpError(403, message, { code: 'RolePanelRefused' });

/** Members must hold one of the required roles (when any) and none of the forbidden ones. */
export function requireEligible(panel: RolePanel, held: readonly string[], roleName: (id: string) => string): void {
  const has = new Set(held);
  if (panel.requiredRoles.length > 0 && !panel.requiredRoles.some((r) => has.has(r))) {
    throw refuse(`You need ${panel.requiredRoles.map(roleName).join(' or ')} to use this panel.`);
  }
  const blocked = panel.forbiddenRoles.find((r) => has.has(r));
  if (blocked) throw refuse(`Members with ${roleName(blocked)} cannot use this panel.`);
}

/**
 * Whether the bot may hand out `role`: Manage Roles, the role strictly below its highest, not
 * managed by an integration, not @everyone. Throws a clear refusal naming the role.
 */
export function requireBotCanManage(bot: GuildAuthority, role: APIRole | undefined, guildId: string): void {
  if (!role) throw new HttpError(404, 'A role of this panel no longer exists: ask an admin to update the panel', { code: 'NotFound' });
  if (!bot.has(P.ManageRoles)) throw new PermissionError('MissingPermissions', 'The bot needs Manage Roles on this server to give roles', P.ManageRoles);
  if (role.managed || role.id === guildId) throw refuse(`“${role.name}” is managed by Discord or an integration: nobody can give it.`);
  if (role.position >= bot.topPosition) {
    throw PermissionError.hierarchy(`The role “${role.name}” is at or above the bot’s highest role: an admin must move the bot’s role above it in Server Settings → Roles`);
  }
}

/**
 * Applies a member's pick on a panel: the panel's mode decides what changes, the member must be
 * eligible (required/forbidden roles) and the bot able to manage every role it touches (else
 * nothing changes), then Discord is called and the change audited. Returns what changed.
 */
export async function applyPick(s: RolesServices, pick: Pick): Promise<RoleChange> {
  const facts = await guildFacts(s);
  const byId = new Map(facts.roles.map((r) => [r.id, r]));
  const name = (id: string) => `@${byId.get(id)?.name ?? 'deleted role'}`;
  requireEligible(pick.panel, pick.held, name);
  const change = planChange(pick.panel, pick.held, pick.picked);
  if (change.add.length + change.remove.length === 0) return change;
  const bot = await botAuthority(s, facts);
  for (const id of [...change.add, ...change.remove]) requireBotCanManage(bot, byId.get(id), s.guildId);
  const reason = `Role panel “${pick.panel.title}”`;
  await Promise.all([
    ...change.add.map((r) => discordCall(() => s.rest.put(Routes.guildMemberRole(s.guildId, pick.userId, r), { reason }))),
    ...change.remove.map((r) => discordCall(() => s.rest.delete(Routes.guildMemberRole(s.guildId, pick.userId, r), { reason }))),
  ]);
  const parts = [change.add.length ? `gave ${change.add.map(name).join(', ')}` : '', change.remove.length ? `took ${change.remove.map(name).join(', ')}` : ''].filter(Boolean);
  const item: FeedInput = {
    module: 'roles', kind: 'roles.assign', level: 'info', audit: true,
    summary: `${pick.source ?? `Panel “${pick.panel.id}”`} ${parts.join(' and ')} for <@${pick.userId}>`,
    details: { panelId: pick.panel.id, userId: pick.userId, added: change.add, removed: change.remove },
  };
  if (s.report) s.report(item);
  else await s.hub?.publish({ items: [item] }).catch((err: unknown) => s.log.warn('roles.audit_failed', { error: String(err) }));
  return change;
}

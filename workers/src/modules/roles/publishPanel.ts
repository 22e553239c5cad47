import { PermissionFlagsBits as P, Routes, type APIMessage } from 'discord-api-types/v10';
import { discordCall } from '../../api/discord/botRest';
import { HttpError } from '../../errors';
import type { GuildAuthority } from '../../permissions';
import { rolesConfigSchema, type RolePanel } from './config';
import { panelMessage, type SignId } from './panelMessage';
import type { RolesServices } from './guildReach';

/** What publishing did. */
export interface PublishResult {
  panelId: string;
  channelId: string;
  messageId: string;
  /** `edited`: the posted message was updated in place; `posted`: a new message. */
  action: 'posted' | 'edited';
}

/** The panel of the guild's config with this id (404 otherwise). */
export function findPanel(config: unknown, panelId: string): RolePanel {
  const panel = rolesConfigSchema.parse(config ?? {}).panels.find((p) => p.id === panelId);
  if (!panel) throw new HttpError(404, `No panel “${panelId}” in the Roles settings`, { code: 'NotFound' });
  return panel;
}

/**
 * Posts a panel, or edits its message in place when it was posted before (a deleted message is
 * posted anew), then records the message id in the config. The actor needs Manage Roles and
 * must stand above every role the panel gives (they could not give those roles themselves).
 */
export async function publishPanel(s: RolesServices, who: { actorId: string; requestId?: string }, actor: GuildAuthority, config: unknown, panelId: string, sign: SignId): Promise<PublishResult> {
  actor.require(P.ManageRoles);
  const panel = findPanel(config, panelId);
  for (const o of panel.options) {
    const role = actor.guild.roles.find((r) => r.id === o.roleId);
    if (!role) throw new HttpError(400, `The role of “${o.label}” no longer exists`, { code: 'RoleNotFound', details: { roleId: o.roleId } });
    actor.requireAboveRole({ position: role.position, name: (role as { name?: string }).name });
  }
  const body = await panelMessage(panel, sign);
  let message: APIMessage | null = null;
  if (panel.messageId) {
    message = await discordCall<APIMessage>(() => s.rest.patch(Routes.channelMessage(panel.channelId, panel.messageId!), { body })).catch((err: unknown) => {
      if (err instanceof HttpError && err.status === 404) return null;
      throw err;
    });
  }
  const action = message ? 'edited' : 'posted';
  message ??= await discordCall<APIMessage>(() => s.rest.post(Routes.channelMessages(panel.channelId), { body }));
  if (message.id !== panel.messageId && s.hub) {
    const current = rolesConfigSchema.parse(config ?? {});
    const panels = current.panels.map((p) => (p.id === panel.id ? { ...p, messageId: message.id } : p));
    await s.hub.configure({ moduleId: 'roles', config: { ...current, panels }, actorId: who.actorId, requestId: who.requestId, reason: `panel “${panel.id}” posted` });
  }
  return { panelId: panel.id, channelId: panel.channelId, messageId: message.id, action };
}

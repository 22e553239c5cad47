import {
  ApplicationCommandOptionType as O,
  ApplicationCommandType,
  ComponentType,
  InteractionType,
  type APIApplicationCommand,
  type APIApplicationCommandOption,
  type APIInteraction,
  type APIMessage,
} from 'discord-api-types/v10';
import { randomBytes } from 'node:crypto';
import { messagePayload, type SimApplication, type SimState } from '../state/index.js';

/** Who triggers it, and where. */
export interface InteractionWhere {
  userId: string;
  channelId: string;
  locale?: string;
}

/** What the simulated user does. */
export type InteractionInput = InteractionWhere &
  (
    | { type: 'command'; name: string; options?: Record<string, string | number | boolean>; subcommand?: string; subcommandGroup?: string }
    /** A user context-menu command (right click on a member → Apps → `name`). */
    | { type: 'user-command'; name: string; targetId: string }
    | { type: 'autocomplete'; name: string; options?: Record<string, string | number | boolean>; focused: string; subcommand?: string; subcommandGroup?: string }
    | { type: 'button'; customId: string; messageId: string }
    | { type: 'select'; customId: string; messageId: string; values: string[]; componentType?: ComponentType }
    | { type: 'modal'; customId: string; fields: Record<string, string>; messageId?: string }
  );

type Opt = { name: string; type: number; value?: unknown; options?: Opt[]; focused?: boolean };

/** Finds the registered command (guild first, then global). */
function findCommand(app: SimApplication, guildId: string | undefined, name: string): APIApplicationCommand | undefined {
  return (guildId ? app.guildCommands[guildId]?.find((c) => c.name === name) : undefined) ?? app.commands.find((c) => c.name === name);
}

/** Builds `data.options`, typed from the registered definition when there is one, else inferred. */
function buildOptions(state: SimState, defs: readonly APIApplicationCommandOption[] | undefined, values: Record<string, string | number | boolean>, focused?: string): Opt[] {
  return Object.entries(values).map(([name, value]) => {
    const def = defs?.find((d) => d.name === name);
    let type: number = def?.type ?? O.String;
    if (!def) {
      if (typeof value === 'boolean') type = O.Boolean;
      else if (typeof value === 'number') type = Number.isInteger(value) ? O.Integer : O.Number;
      else if (state.data.users[value]) type = O.User;
      else if (state.data.channels[value]) type = O.Channel;
    }
    return { name, type, value, ...(focused === name ? { focused: true } : {}) };
  });
}

/** Resolved users/members/channels/roles for snowflake options, as Discord includes them. */
function resolvedFor(state: SimState, guildId: string | undefined, channelId: string, userId: string, opts: Opt[]) {
  const users: Record<string, unknown> = {};
  const members: Record<string, unknown> = {};
  const channels: Record<string, unknown> = {};
  const roles: Record<string, unknown> = {};
  for (const o of opts) {
    const v = String(o.value);
    if ((o.type === O.User || o.type === O.Mentionable) && state.data.users[v]) {
      users[v] = state.users.get(v);
      if (guildId && state.data.guilds[guildId]?.members[v]) {
        const { user: _u, ...m } = state.memberPayload(guildId, v);
        members[v] = { ...m, permissions: String(state.permissionsOf(guildId, v, channelId)) };
      }
    }
    if (o.type === O.Channel && state.data.channels[v]) {
      const ch = state.data.channels[v]!;
      channels[v] = { id: v, type: ch.type, name: 'name' in ch ? ch.name : null, permissions: guildId ? String(state.permissionsOf(guildId, userId, v)) : '0' };
    }
    if ((o.type === O.Role || o.type === O.Mentionable) && guildId && state.data.guilds[guildId]?.roles[v]) roles[v] = state.data.guilds[guildId]!.roles[v];
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries({ users, members, channels, roles })) if (Object.keys(v).length) out[k] = v;
  return Object.keys(out).length ? { resolved: out } : {};
}

/**
 * Builds the interaction payload Discord would send for `input`, as that member in that channel:
 * `member.permissions` and `app_permissions` computed for the channel, a fresh id and token.
 */
export function buildInteraction(
  state: SimState,
  app: SimApplication,
  input: InteractionInput,
  ephemeralSource?: (messageId: string) => APIMessage | undefined,
): { payload: APIInteraction; sourceMessageId?: string } {
  const channel = state.channels.get(input.channelId);
  const guildId = state.channels.guildIdOf(input.channelId);
  const g = guildId ? state.guild(guildId) : undefined;
  const locale = input.locale ?? state.users.get(input.userId).locale ?? 'en-US';
  const base: Record<string, unknown> = {
    id: state.snowflakes.next(),
    application_id: app.id,
    token: `aW50ZXJhY3Rpb24${randomBytes(48).toString('base64url')}`,
    version: 1,
    locale,
    channel_id: input.channelId,
    channel: 'guild_id' in channel ? { ...channel } : channel,
    entitlements: [],
    attachment_size_limit: 10_485_760,
    authorizing_integration_owners: { '0': guildId ?? input.userId },
    context: guildId ? 0 : 1,
  };
  if (g && guildId) {
    const member = state.memberPayload(guildId, input.userId);
    Object.assign(base, {
      guild_id: guildId,
      guild: { id: guildId, locale: g.preferred_locale, features: g.features },
      guild_locale: g.preferred_locale,
      member: { ...member, permissions: String(state.permissionsOf(guildId, input.userId, input.channelId)) },
      app_permissions: g.members[app.botUserId] ? String(state.permissionsOf(guildId, app.botUserId, input.channelId)) : '0',
    });
  } else {
    Object.assign(base, { user: state.users.get(input.userId), app_permissions: '0' });
  }
  if (input.type === 'user-command') {
    const cmd = (guildId ? app.guildCommands[guildId] : undefined)?.find((c) => c.name === input.name && c.type === ApplicationCommandType.User) ?? app.commands.find((c) => c.name === input.name && c.type === ApplicationCommandType.User);
    const target: Opt[] = [{ name: 'target', type: O.User, value: input.targetId }];
    const data = { id: cmd?.id ?? state.snowflakes.next(), name: input.name, type: ApplicationCommandType.User, target_id: input.targetId, ...(guildId && cmd?.guild_id ? { guild_id: guildId } : {}), ...resolvedFor(state, guildId, input.channelId, input.userId, target) };
    return { payload: { ...base, type: InteractionType.ApplicationCommand, data } as unknown as APIInteraction };
  }
  if (input.type === 'command' || input.type === 'autocomplete') {
    const cmd = findCommand(app, guildId, input.name);
    let defs = cmd?.options;
    const wrap: string[] = [input.subcommandGroup, input.subcommand].filter((x): x is string => !!x);
    for (const w of wrap) defs = (defs?.find((d) => d.name === w) as { options?: APIApplicationCommandOption[] } | undefined)?.options;
    const leaf = buildOptions(state, defs, input.options ?? {}, input.type === 'autocomplete' ? input.focused : undefined);
    let options: Opt[] = leaf;
    if (input.subcommand) options = [{ name: input.subcommand, type: O.Subcommand, options }];
    if (input.subcommandGroup) options = [{ name: input.subcommandGroup, type: O.SubcommandGroup, options }];
    const data = { id: cmd?.id ?? state.snowflakes.next(), name: input.name, type: 1, ...(guildId && cmd?.guild_id ? { guild_id: guildId } : {}), options, ...resolvedFor(state, guildId, input.channelId, input.userId, leaf) };
    const type = input.type === 'command' ? InteractionType.ApplicationCommand : InteractionType.ApplicationCommandAutocomplete;
    return { payload: { ...base, type, data } as unknown as APIInteraction };
  }
  const eph = input.messageId ? ephemeralSource?.(input.messageId) : undefined;
  const source = eph ?? (input.messageId ? messagePayload(state.messages.get(input.channelId, input.messageId)) : undefined);
  if (input.type === 'modal') {
    const components = Object.entries(input.fields).map(([custom_id, value]) => ({ type: ComponentType.ActionRow, components: [{ type: ComponentType.TextInput, custom_id, value }] }));
    return { payload: { ...base, type: InteractionType.ModalSubmit, data: { custom_id: input.customId, components }, ...(source ? { message: source } : {}) } as unknown as APIInteraction, sourceMessageId: input.messageId };
  }
  const data = input.type === 'button' ? { custom_id: input.customId, component_type: ComponentType.Button } : { custom_id: input.customId, component_type: input.componentType ?? ComponentType.StringSelect, values: input.values };
  return { payload: { ...base, type: InteractionType.MessageComponent, data, message: source } as unknown as APIInteraction, sourceMessageId: input.messageId };
}

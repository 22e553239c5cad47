import {
  ApplicationCommandType,
  ComponentType,
  InteractionType,
  PermissionFlagsBits,
  type APIApplicationCommandInteractionDataOption,
} from 'discord-api-types/v10';

/** Who runs the interaction and where. */
export interface Invoker {
  guildId?: string;
  userId?: string;
  /** Member permissions bitfield (defaults to Send Messages + Use Application Commands). */
  permissions?: bigint;
}

const APP_ID = '100000000000000001';
let seq = 0n;

/** A snowflake for "now" (so `/ping` round trips are meaningful). */
export function nowSnowflake(): string {
  return String(((BigInt(Date.now()) - 1_420_070_400_000n) << 22n) | (seq++ & 0xfffn));
}

function base(type: InteractionType, who: Invoker) {
  const userId = who.userId ?? '300000000000000001';
  const user = { id: userId, username: 'member', global_name: 'Member', discriminator: '0', avatar: null };
  const common = { id: nowSnowflake(), application_id: APP_ID, type, token: `tok-${seq}-${Math.random().toString(36).slice(2)}`, version: 1, locale: 'en-US' };
  const perms = who.permissions ?? PermissionFlagsBits.SendMessages | PermissionFlagsBits.UseApplicationCommands;
  return who.guildId
    ? { ...common, guild_id: who.guildId, channel_id: '400000000000000001', member: { user, roles: [], permissions: String(perms), joined_at: new Date(0).toISOString(), deaf: false, mute: false, flags: 0 } }
    : { ...common, channel_id: '400000000000000002', user };
}

/** A PING (type 1). */
export const pingPayload = () => ({ id: nowSnowflake(), application_id: APP_ID, type: InteractionType.Ping, token: 'ping-token', version: 1 });

/** A slash command (type 2) with raw option objects. */
export function slashPayload(name: string, options: APIApplicationCommandInteractionDataOption[] = [], who: Invoker = {}) {
  return { ...base(InteractionType.ApplicationCommand, who), data: { id: '500000000000000001', name, type: ApplicationCommandType.ChatInput, options } };
}

/** An autocomplete request (type 4). */
export function autocompletePayload(name: string, options: unknown[], who: Invoker = {}) {
  return { ...base(InteractionType.ApplicationCommandAutocomplete, who), data: { id: '500000000000000001', name, type: ApplicationCommandType.ChatInput, options } };
}

/** A button press (type 3). */
export function buttonPayload(customId: string, who: Invoker = {}) {
  return { ...base(InteractionType.MessageComponent, who), message: { id: nowSnowflake(), flags: 0 }, data: { custom_id: customId, component_type: ComponentType.Button } };
}

/** A modal submit (type 5) with text inputs `{ id: value }`. */
export function modalPayload(customId: string, fields: Record<string, string>, who: Invoker = {}) {
  const components = Object.entries(fields).map(([custom_id, value]) => ({
    type: ComponentType.ActionRow,
    components: [{ type: ComponentType.TextInput, custom_id, value }],
  }));
  return { ...base(InteractionType.ModalSubmit, who), data: { custom_id: customId, components } };
}

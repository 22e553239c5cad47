import {
  InteractionResponseType,
  MessageFlags,
  type APIActionRowComponent,
  type APIApplicationCommandOptionChoice,
  type APIComponentInMessageActionRow,
  type APIEmbed,
  type APIInteractionResponse,
  type APIInteractionResponseCallbackData,
  type APIModalInteractionResponseCallbackData,
} from 'discord-api-types/v10';

/** Content, embeds and components of a reply; `ephemeral` sets the flag. */
export interface ReplyInput {
  content?: string;
  embeds?: APIEmbed[];
  components?: APIActionRowComponent<APIComponentInMessageActionRow>[];
  ephemeral?: boolean;
  /** Mentions are off unless asked: a bot echoing input must not ping @everyone. */
  allowedMentions?: APIInteractionResponseCallbackData['allowed_mentions'];
}

/** Turns a {@link ReplyInput} or a plain string into Discord's message callback data. */
export function messageData(input: ReplyInput | string): APIInteractionResponseCallbackData {
  const r = typeof input === 'string' ? { content: input } : input;
  const data: APIInteractionResponseCallbackData = { allowed_mentions: r.allowedMentions ?? { parse: [] } };
  if (r.content !== undefined) data.content = r.content;
  if (r.embeds) data.embeds = r.embeds;
  if (r.components) data.components = r.components;
  if (r.ephemeral) data.flags = MessageFlags.Ephemeral;
  return data;
}

/**
 * Builders for every interaction response a handler returns
 * (https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-response-object-interaction-callback-type).
 */
export const reply = {
  /** A new message in the channel (type 4). */
  message: (input: ReplyInput | string): APIInteractionResponse => ({
    type: InteractionResponseType.ChannelMessageWithSource,
    data: messageData(input),
  }),
  /** A message only the member sees (type 4 with the ephemeral flag). */
  ephemeral: (input: ReplyInput | string): APIInteractionResponse => ({
    type: InteractionResponseType.ChannelMessageWithSource,
    data: messageData({ ...(typeof input === 'string' ? { content: input } : input), ephemeral: true }),
  }),
  /** Components only: edits the message that holds the component (type 7). */
  update: (input: ReplyInput | string): APIInteractionResponse => ({
    type: InteractionResponseType.UpdateMessage,
    data: messageData(input),
  }),
  /** Opens a modal (type 9). */
  modal: (data: APIModalInteractionResponseCallbackData): APIInteractionResponse => ({
    type: InteractionResponseType.Modal,
    data,
  }),
  /** Autocomplete suggestions (type 8); Discord takes at most 25. */
  autocomplete: (choices: APIApplicationCommandOptionChoice[]): APIInteractionResponse => ({
    type: InteractionResponseType.ApplicationCommandAutocompleteResult,
    data: { choices: choices.slice(0, 25) },
  }),
};

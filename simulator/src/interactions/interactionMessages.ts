import { MessageFlags, MessageType, InteractionType, type APIMessage } from 'discord-api-types/v10';
import type { SimState } from '../state/index.js';
import { SimStateError, userPayload } from '../state/index.js';
import type { InteractionRecord } from './InteractionStore.js';

/** Message fields an interaction response or webhook may set. */
export interface ResponseData {
  content?: string | null;
  embeds?: APIMessage['embeds'] | null;
  components?: APIMessage['components'] | null;
  flags?: number | null;
  tts?: boolean | null;
  attachments?: APIMessage['attachments'] | null;
}

/** The message type Discord gives an interaction's response. */
function typeFor(r: InteractionRecord, followUp: boolean): MessageType {
  if (followUp) return MessageType.Reply;
  return r.payload.type === InteractionType.ApplicationCommand ? MessageType.ChatInputCommand : MessageType.Default;
}

/**
 * Posts a response or follow-up as the application's bot: ephemeral ones (flag 64) are kept on the
 * record for that user only; public ones go to the channel (MESSAGE_CREATE).
 */
export function postInteractionMessage(state: SimState, r: InteractionRecord, data: ResponseData, opts: { followUp?: boolean; loading?: boolean } = {}): APIMessage {
  const app = state.applications.get(r.applicationId);
  const flags = (data.flags ?? 0) | (opts.loading ? MessageFlags.Loading : 0);
  const metadata = { id: r.id, type: r.payload.type, user: userPayload(state.data, r.userId), authorizing_integration_owners: { '0': r.guildId ?? r.userId }, ...(opts.followUp && r.originalMessageId ? { original_response_message_id: r.originalMessageId } : {}) } as APIMessage['interaction_metadata'];
  const input = {
    authorId: app.botUserId,
    content: data.content ?? '',
    embeds: data.embeds ?? [],
    components: data.components ?? [],
    flags,
    tts: data.tts ?? false,
    type: typeFor(r, !!opts.followUp),
    webhook_id: app.id,
    application_id: app.id,
    interaction_metadata: metadata,
    ...(data.attachments?.length ? { attachments: data.attachments } : {}),
  };
  if (flags & MessageFlags.Ephemeral) {
    const msg: APIMessage = {
      id: state.snowflakes.next(),
      channel_id: r.channelId,
      author: userPayload(state.data, app.botUserId),
      content: input.content,
      timestamp: state.isoNow(),
      edited_timestamp: null,
      tts: input.tts,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: (data.attachments ?? []) as APIMessage['attachments'],
      embeds: input.embeds,
      components: input.components,
      pinned: false,
      type: input.type,
      flags,
      webhook_id: app.id,
      application_id: app.id,
      interaction_metadata: metadata,
    };
    r.ephemeral.push(msg);
    state.emit('ephemeral', { channelId: r.channelId, userId: r.userId });
    return msg;
  }
  return state.messages.create(r.channelId, input);
}

/** Finds a response/follow-up message of this interaction (ephemeral or in the channel). */
export function findInteractionMessage(state: SimState, r: InteractionRecord, messageId: string): { msg: APIMessage; ephemeral: boolean } {
  const eph = r.ephemeral.find((m) => m.id === messageId) ?? (r.sourceEphemeral?.id === messageId ? r.sourceEphemeral : undefined);
  if (eph) return { msg: eph, ephemeral: true };
  const belongs = messageId === r.originalMessageId || messageId === r.sourceMessageId || r.followUps.includes(messageId);
  if (!belongs) throw new SimStateError(404, 10008, 'Unknown Message');
  return { msg: state.messages.get(r.channelId, messageId), ephemeral: false };
}

/** Edits a response/follow-up; editing a deferred (loading) response clears the loading flag. */
export function editInteractionMessage(state: SimState, r: InteractionRecord, messageId: string, data: ResponseData): APIMessage {
  const { msg, ephemeral } = findInteractionMessage(state, r, messageId);
  const flags = ((data.flags ?? msg.flags ?? 0) & ~MessageFlags.Loading) | ((msg.flags ?? 0) & MessageFlags.Ephemeral);
  const patch = Object.fromEntries(Object.entries({ content: data.content, embeds: data.embeds, components: data.components, attachments: data.attachments }).filter(([, v]) => v !== undefined && v !== null));
  if (ephemeral) {
    Object.assign(msg, patch, { flags, edited_timestamp: state.isoNow() });
    state.emit('ephemeral', { channelId: r.channelId, userId: r.userId });
    return msg;
  }
  return state.messages.update(r.channelId, messageId, { ...patch, flags });
}

/** Deletes a response/follow-up. */
export function deleteInteractionMessage(state: SimState, r: InteractionRecord, messageId: string): void {
  const { ephemeral } = findInteractionMessage(state, r, messageId);
  if (ephemeral) {
    r.ephemeral = r.ephemeral.filter((m) => m.id !== messageId);
    state.emit('ephemeral', { channelId: r.channelId, userId: r.userId });
  } else state.messages.delete(r.channelId, messageId);
}

import { InteractionResponseType, InteractionType, MessageFlags } from 'discord-api-types/v10';
import type { SimState } from '../state/index.js';
import { SimStateError } from '../state/index.js';
import { INITIAL_RESPONSE_MS, type InteractionRecord } from './InteractionStore.js';
import { checkComponents } from '../rest/componentsV2.js';
import { editInteractionMessage, postInteractionMessage, type ResponseData } from './interactionMessages.js';

const COMPONENT_TYPES = new Set<number>([InteractionType.MessageComponent, InteractionType.ModalSubmit]);

/**
 * Applies an interaction's initial response (https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-response-object),
 * whether it came in the HTTP answer or through `POST /interactions/{id}/{token}/callback`.
 * Returns the response message, when one was posted or updated.
 */
export function applyCallback(state: SimState, r: InteractionRecord, body: unknown, via: 'http' | 'rest', now = Date.now()) {
  if (r.callbackType !== null) throw new SimStateError(400, 40060, 'Interaction has already been acknowledged.');
  if (now - r.createdAt > INITIAL_RESPONSE_MS) throw new SimStateError(404, 10062, 'Unknown interaction');
  const b = (body ?? {}) as { type?: unknown; data?: Record<string, unknown> };
  const type = b.type;
  const data = (b.data ?? {}) as ResponseData & Record<string, unknown>;
  const isPing = r.payload.type === InteractionType.Ping;
  const bad = (why: string) => new SimStateError(400, 50035, 'Invalid Form Body', { type: { _errors: [{ code: 'INTERACTION_RESPONSE_TYPE_INVALID', message: why }] } });
  if (typeof type !== 'number') throw bad('Missing response type');
  if (isPing !== (type === InteractionResponseType.Pong)) throw bad('PONG answers PING, and only PING');
  let message = undefined;
  switch (type) {
    case InteractionResponseType.Pong:
      break;
    case InteractionResponseType.ChannelMessageWithSource:
      checkComponents(data);
      if (!data.content && !(data.embeds as unknown[] | undefined)?.length && !(data.components as unknown[] | undefined)?.length) {
        throw new SimStateError(400, 50006, 'Cannot send an empty message');
      }
      message = postInteractionMessage(state, r, data);
      r.originalMessageId = message.id;
      break;
    case InteractionResponseType.DeferredChannelMessageWithSource:
      message = postInteractionMessage(state, r, { flags: (data.flags ?? 0) & MessageFlags.Ephemeral }, { loading: true });
      r.originalMessageId = message.id;
      break;
    case InteractionResponseType.DeferredMessageUpdate:
    case InteractionResponseType.UpdateMessage:
      if (!COMPONENT_TYPES.has(r.payload.type) || !r.sourceMessageId) throw bad('Only component and modal interactions can update a message');
      r.originalMessageId = r.sourceMessageId;
      if (type === InteractionResponseType.UpdateMessage) checkComponents({ ...data, flags: data.flags ?? sourceFlags(state, r) });
      if (type === InteractionResponseType.UpdateMessage) message = editInteractionMessage(state, r, r.sourceMessageId, data);
      break;
    case InteractionResponseType.ApplicationCommandAutocompleteResult:
      if (r.payload.type !== InteractionType.ApplicationCommandAutocomplete) throw bad('Autocomplete results answer autocomplete interactions');
      r.choices = (data.choices as never) ?? [];
      break;
    case InteractionResponseType.Modal:
      if (r.payload.type === InteractionType.ModalSubmit || r.payload.type === InteractionType.ApplicationCommandAutocomplete) throw bad('A modal cannot answer this interaction');
      if (typeof data.custom_id !== 'string' || typeof data.title !== 'string') throw bad('A modal needs custom_id and title');
      r.modal = data as never;
      break;
    default:
      throw bad(`Unsupported response type ${type}`);
  }
  r.callbackType = type;
  r.answeredVia = via;
  r.answeredAt = now;
  return message;
}

/** The flags of the message a component sits on (a V2 message stays V2 when updated). */
function sourceFlags(state: SimState, r: InteractionRecord): number {
  const ephemeral = r.ephemeral.find((m) => m.id === r.sourceMessageId);
  if (ephemeral) return ephemeral.flags ?? 0;
  try {
    return state.messages.get(r.channelId, r.sourceMessageId!).flags ?? 0;
  } catch {
    return 0;
  }
}

import type { APIMessage, APIInteraction, APIModalInteractionResponseCallbackData, APICommandAutocompleteInteractionResponseCallbackData } from 'discord-api-types/v10';

/** Discord's limits: 3 s to answer, 15 min for the follow-up token. */
export const INITIAL_RESPONSE_MS = 3_000;
export const TOKEN_LIFE_MS = 15 * 60_000;

/** One interaction the simulator sent, and everything the application did with it. */
export interface InteractionRecord {
  id: string;
  token: string;
  applicationId: string;
  guildId?: string;
  channelId: string;
  userId: string;
  payload: APIInteraction;
  createdAt: number;
  /** The initial callback type, once answered (4, 5, 6, 7, 8, 9, 1). */
  callbackType: number | null;
  /** How it was answered: in the HTTP response body or through `POST /interactions/{id}/{token}/callback`. */
  answeredVia: 'http' | 'rest' | null;
  answeredAt: number | null;
  /** The original response message (public ones are also in the channel). */
  originalMessageId: string | null;
  /** Ephemeral messages, seen only by `userId`: kept here, never in the channel or the gateway. */
  ephemeral: APIMessage[];
  /** Follow-up message ids (public or ephemeral). */
  followUps: string[];
  modal: APIModalInteractionResponseCallbackData | null;
  choices: APICommandAutocompleteInteractionResponseCallbackData['choices'] | null;
  /** Source message of a component interaction (for types 6 and 7). */
  sourceMessageId?: string;
  /** The source message when it is another interaction's ephemeral reply (edited in place there). */
  sourceEphemeral?: APIMessage;
}

/** Interactions by id and by token. */
export class InteractionStore {
  private readonly byId = new Map<string, InteractionRecord>();
  private readonly byToken = new Map<string, InteractionRecord>();

  /** Registers a sent interaction. */
  add(r: InteractionRecord): void {
    this.byId.set(r.id, r);
    this.byToken.set(r.token, r);
    // Forget interactions well past their token life to stay bounded.
    if (this.byId.size > 5_000) {
      const cutoff = Date.now() - TOKEN_LIFE_MS * 2;
      for (const [id, x] of this.byId) {
        if (x.createdAt < cutoff) {
          this.byId.delete(id);
          this.byToken.delete(x.token);
        }
      }
    }
  }

  get(id: string): InteractionRecord | undefined {
    return this.byId.get(id);
  }

  token(token: string): InteractionRecord | undefined {
    return this.byToken.get(token);
  }

  /** An ephemeral message some interaction posted (components on it can be used, as on Discord). */
  ephemeralMessage(messageId: string): APIMessage | undefined {
    for (const r of this.byId.values()) {
      const m = r.ephemeral.find((x) => x.id === messageId);
      if (m) return m;
    }
    return undefined;
  }

  /** Ephemeral messages `userId` sees in a channel (within their token life), oldest first. */
  ephemeralFor(channelId: string, userId: string, now = Date.now()): APIMessage[] {
    const out: APIMessage[] = [];
    for (const r of this.byId.values()) {
      if (r.channelId === channelId && r.userId === userId && now - r.createdAt < TOKEN_LIFE_MS) out.push(...r.ephemeral);
    }
    return out;
  }
}

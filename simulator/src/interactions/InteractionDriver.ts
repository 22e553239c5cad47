import type { APIMessage } from 'discord-api-types/v10';
import { SimStateError, type SimState } from '../state/index.js';
import { buildInteraction, type InteractionInput } from './buildInteraction.js';
import { signRequest } from './signRequest.js';
import { applyCallback } from './applyCallback.js';
import { INITIAL_RESPONSE_MS, type InteractionRecord, type InteractionStore } from './InteractionStore.js';
import { probeEndpoint, type ProbeResult } from './probeEndpoint.js';

/** What happened to one interaction, for assertions. */
export interface InteractionResult {
  /** True when Discord would show "This interaction failed". */
  failed: boolean;
  reason?: 'no_endpoint' | 'timeout' | 'bad_status' | 'invalid_response' | 'network';
  /** Detail for a failure (Discord error message, HTTP status text). */
  detail?: string;
  status?: number;
  elapsedMs: number;
  callbackType: number | null;
  /** The posted (or updated) response message; ephemeral ones are only here and in `record.ephemeral`. */
  message?: APIMessage;
  ephemeral: boolean;
  modal: InteractionRecord['modal'];
  choices: InteractionRecord['choices'];
  /** Live record: later follow-ups and edits (deferred replies) show up here. */
  record: InteractionRecord;
}

/** The simulator playing Discord towards an application's interactions endpoint. */
export class InteractionDriver {
  private endpoint: string | null = null;

  constructor(
    private readonly state: SimState,
    private readonly store: InteractionStore,
    private readonly applicationId: () => string,
  ) {}

  /** Sets the endpoint URL (Discord would probe it first: call {@link probe} for that). */
  setEndpoint(url: string | null): void {
    this.endpoint = url;
    this.state.applications.get(this.applicationId()).interactionsEndpointUrl = url;
  }

  /** The current endpoint URL. */
  get endpointUrl(): string | null {
    return this.endpoint;
  }

  /** Sends the validation probes Discord sends when an endpoint is saved; a wrong answer is in `problems`. */
  probe(url = this.endpoint): Promise<ProbeResult> {
    if (!url) throw new SimStateError(400, 50035, 'No interactions endpoint URL set');
    return probeEndpoint(url, this.state.applications.get(this.applicationId()));
  }

  /** The record of an interaction (follow-ups, edits, ephemeral messages). */
  get(id: string): InteractionRecord | undefined {
    return this.store.get(id);
  }

  /** Builds, signs and posts one interaction, then applies the answer within Discord's 3-second deadline. */
  async send(input: InteractionInput): Promise<InteractionResult> {
    const app = this.state.applications.get(this.applicationId());
    const ephemeralSource = (id: string) => this.store.ephemeralMessage(id);
    const { payload, sourceMessageId } = buildInteraction(this.state, app, input, ephemeralSource);
    const sourceEphemeral = sourceMessageId ? ephemeralSource(sourceMessageId) : undefined;
    const started = Date.now();
    const record: InteractionRecord = {
      id: payload.id, token: payload.token, applicationId: app.id, guildId: payload.guild_id, channelId: input.channelId, userId: input.userId,
      payload, createdAt: started, callbackType: null, answeredVia: null, answeredAt: null, originalMessageId: null,
      ephemeral: [], followUps: [], modal: null, choices: null, ...(sourceMessageId ? { sourceMessageId } : {}), ...(sourceEphemeral ? { sourceEphemeral } : {}),
    };
    this.store.add(record);
    const done = (extra: Partial<InteractionResult>): InteractionResult => {
      const message = extra.message ?? this.originalOf(record);
      return { failed: false, elapsedMs: Date.now() - started, callbackType: record.callbackType, ephemeral: !!((message?.flags ?? 0) & 64), modal: record.modal, choices: record.choices, record, ...(message ? { message } : {}), ...extra };
    };
    if (!this.endpoint) return done({ failed: true, reason: 'no_endpoint' });
    const body = JSON.stringify(payload);
    let res: Response;
    try {
      res = await fetch(this.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'Discord-Interactions/1.0 (+https://discord.com)', ...signRequest(app.privateKeyPkcs8, body) },
        body,
        signal: AbortSignal.timeout(INITIAL_RESPONSE_MS),
      });
    } catch (e) {
      const timeout = (e as Error).name === 'TimeoutError' || (e as Error).name === 'AbortError';
      return done({ failed: record.callbackType === null, reason: timeout ? 'timeout' : 'network', detail: String(e) });
    }
    const text = await res.text().catch(() => '');
    if (!res.ok) return done({ failed: true, reason: 'bad_status', status: res.status, detail: text.slice(0, 200) });
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    if (json && typeof json === 'object' && 'type' in json) {
      try {
        const message = applyCallback(this.state, record, json, 'http');
        return done({ status: res.status, ...(message ? { message } : {}) });
      } catch (e) {
        const late = e instanceof SimStateError && e.code === 10062;
        return done({ failed: true, reason: late ? 'timeout' : 'invalid_response', status: res.status, detail: (e as Error).message });
      }
    }
    // No callback in the body: the app may have answered through the callback route; wait out the deadline.
    while (record.callbackType === null && Date.now() - started < INITIAL_RESPONSE_MS) await new Promise((r) => setTimeout(r, 20));
    if (record.callbackType === null) return done({ failed: true, reason: 'timeout', status: res.status });
    return done({ status: res.status });
  }

  private originalOf(r: InteractionRecord): APIMessage | undefined {
    if (!r.originalMessageId) return undefined;
    return r.ephemeral.find((m) => m.id === r.originalMessageId) ?? (r.sourceEphemeral?.id === r.originalMessageId ? r.sourceEphemeral : undefined) ?? (this.state.data.messages[r.channelId]?.find((m) => m.id === r.originalMessageId) as APIMessage | undefined);
  }
}


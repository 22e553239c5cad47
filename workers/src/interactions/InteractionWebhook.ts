import { DISCORD_USER_AGENT } from '../lib/discordUserAgent';
import type { ReplyBody } from './types';

/** Edits an interaction's original reply and posts follow-ups (valid 15 minutes after it). */
export interface InteractionWebhook {
  editOriginal(applicationId: string, token: string, body: ReplyBody): Promise<void>;
  /** A new message under the interaction; `files` are attached in order (`attachments[i].id` = i). */
  followUp(applicationId: string, token: string, body: ReplyBody, files?: readonly WebhookFile[]): Promise<void>;
}

/** A file attached to a follow-up. */
export interface WebhookFile {
  name: string;
  data: string | Uint8Array<ArrayBuffer>;
  contentType?: string;
}

/** A failed webhook call, with Discord's status and error code. */
export class WebhookError extends Error {
  override name = 'WebhookError';
  constructor(public readonly status: number, public readonly code: number | undefined, public readonly method: string, public readonly path: string) {
    super(`Discord answered ${status}${code !== undefined ? ` (code ${code})` : ''} to ${method} ${path}`);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** JSON, or multipart (`payload_json` and `files[i]`) when files are attached, as Discord takes them. */
function encodeBody(body: ReplyBody, files: readonly WebhookFile[]): { headers: Record<string, string>; body: string | FormData } {
  if (!files.length) return { headers: { 'content-type': 'application/json', 'user-agent': DISCORD_USER_AGENT }, body: JSON.stringify(body) };
  const form = new FormData();
  const attachments = files.map((f, id) => ({ id, filename: f.name }));
  form.append('payload_json', JSON.stringify({ ...body, attachments }));
  files.forEach((f, i) => form.append(`files[${i}]`, new Blob([f.data], { type: f.contentType ?? 'application/octet-stream' }), f.name));
  // fetch sets the multipart content type with its boundary.
  return { headers: { 'user-agent': DISCORD_USER_AGENT }, body: form };
}

/**
 * Interaction webhooks over `fetch` (real Discord, or the simulator when `DISCORD_API_BASE`
 * is set). Not `@discordjs/rest`: its event-emitter dependency fails to initialise in workerd
 * ("Super expression must either be null or a function"), and these calls need neither a bot
 * token nor bucket tracking, only a 429/5xx retry, done here (at most twice, ≤ 5 s waits).
 */
export class FetchInteractionWebhook implements InteractionWebhook {
  private readonly base: string;

  constructor(apiBase?: string) {
    this.base = `${(apiBase || 'https://discord.com/api').replace(/\/$/, '')}/v10`;
  }

  async editOriginal(applicationId: string, token: string, body: ReplyBody): Promise<void> {
    await this.call('PATCH', `/webhooks/${applicationId}/${encodeURIComponent(token)}/messages/@original`, body);
  }

  async followUp(applicationId: string, token: string, body: ReplyBody, files: readonly WebhookFile[] = []): Promise<void> {
    await this.call('POST', `/webhooks/${applicationId}/${encodeURIComponent(token)}`, body, files);
  }

  private async call(method: string, path: string, body: ReplyBody, files: readonly WebhookFile[] = []): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const res = await fetch(this.base + path, { method, ...encodeBody(body, files) });
      if (res.ok) {
        await res.body?.cancel();
        return;
      }
      const json = (await res.json().catch(() => ({}))) as { code?: number; retry_after?: number };
      const retriable = res.status === 429 || res.status >= 500;
      if (!retriable || attempt >= 2) throw new WebhookError(res.status, json.code, method, path.replace(/\/webhooks\/(\d+)\/[^/]+/, '/webhooks/$1/:token'));
      await sleep(Math.min(5_000, res.status === 429 ? (json.retry_after ?? 1) * 1000 : 250 * (attempt + 1)));
    }
  }
}

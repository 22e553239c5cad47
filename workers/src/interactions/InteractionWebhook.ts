import { DISCORD_USER_AGENT } from '../lib/discordUserAgent';
import type { ReplyBody } from './types';

/** Edits an interaction's original reply and posts follow-ups (valid 15 minutes after it). */
export interface InteractionWebhook {
  editOriginal(applicationId: string, token: string, body: ReplyBody): Promise<void>;
  followUp(applicationId: string, token: string, body: ReplyBody): Promise<void>;
}

/** A failed webhook call, with Discord's status and error code. */
export class WebhookError extends Error {
  override name = 'WebhookError';
  constructor(public readonly status: number, public readonly code: number | undefined, public readonly method: string, public readonly path: string) {
    super(`Discord answered ${status}${code !== undefined ? ` (code ${code})` : ''} to ${method} ${path}`);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

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

  async followUp(applicationId: string, token: string, body: ReplyBody): Promise<void> {
    await this.call('POST', `/webhooks/${applicationId}/${encodeURIComponent(token)}`, body);
  }

  private async call(method: string, path: string, body: ReplyBody): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const res = await fetch(this.base + path, { method, headers: { 'content-type': 'application/json', 'user-agent': DISCORD_USER_AGENT }, body: JSON.stringify(body) });
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

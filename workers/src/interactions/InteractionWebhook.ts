import { REST } from '@discordjs/rest';
import { Routes } from 'discord-api-types/v10';
import type { ReplyBody } from './types';

/** Edits an interaction's original reply and posts follow-ups (valid 15 minutes after it). */
export interface InteractionWebhook {
  editOriginal(applicationId: string, token: string, body: ReplyBody): Promise<void>;
  followUp(applicationId: string, token: string, body: ReplyBody): Promise<void>;
}

const clients = new Map<string, REST>();

/**
 * A `@discordjs/rest` client for the configured API base (real Discord, or the simulator when
 * `DISCORD_API_BASE` is set), one per isolate. Sweep timers are off: a Worker isolate has no
 * business keeping intervals alive, and interaction webhooks need no bot token.
 */
export function discordRest(apiBase: string | undefined, botToken?: string): REST {
  const key = `${apiBase ?? ''}\n${botToken ?? ''}`;
  let rest = clients.get(key);
  if (!rest) {
    rest = new REST({
      ...(apiBase ? { api: apiBase } : {}),
      hashSweepInterval: 0,
      handlerSweepInterval: 0,
      // Cast: the Workers and Node typings of Response differ only in stream generics.
      makeRequest: ((url: string, init: RequestInit) => fetch(url, init)) as never,
    });
    if (botToken) rest.setToken(botToken);
    clients.set(key, rest);
  }
  return rest;
}

/** {@link InteractionWebhook} over `@discordjs/rest` (retries Discord's 429s and 5xx for us). */
export class RestInteractionWebhook implements InteractionWebhook {
  constructor(private readonly rest: REST) {}

  async editOriginal(applicationId: string, token: string, body: ReplyBody): Promise<void> {
    await this.rest.patch(Routes.webhookMessage(applicationId, token, '@original'), { body, auth: false });
  }

  async followUp(applicationId: string, token: string, body: ReplyBody): Promise<void> {
    await this.rest.post(Routes.webhook(applicationId, token), { body, auth: false });
  }
}

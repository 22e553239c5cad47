import { DiscordAPIError, type REST } from '@discordjs/rest';
import { Routes, type APIWebhook } from 'discord-api-types/v10';

/** The name of the webhooks the bot creates in log channels (found again by it). */
export const WEBHOOK_NAME = 'Server log';

/** A log channel's webhook (id and token: the token is a secret, never logged). */
export interface LogWebhook {
  id: string;
  token: string;
}

/**
 * Webhooks per log channel, kept by the guild hub's isolate: a warm hub posts with no lookup;
 * a cold one finds the bot's webhook again (one read) or creates it.
 */
const cache = new Map<string, LogWebhook>();

/** The bot's webhook in `channelId`, found or created (needs Manage Webhooks there). */
export async function webhookFor(rest: REST, channelId: string, applicationId: string): Promise<LogWebhook> {
  const hit = cache.get(channelId);
  if (hit) return hit;
  const list = (await rest.get(Routes.channelWebhooks(channelId))) as APIWebhook[];
  const mine = list.find((w) => w.token && w.name === WEBHOOK_NAME && (w.application_id === applicationId || w.user?.id === applicationId || !w.application_id));
  const hook = mine ?? ((await rest.post(Routes.channelWebhooks(channelId), { body: { name: WEBHOOK_NAME }, reason: 'Logging module: log channel' })) as APIWebhook);
  const found = { id: hook.id, token: hook.token! };
  cache.set(channelId, found);
  return found;
}

/** Forgets a channel's webhook (deleted by someone: the next send makes a new one). */
export function forgetWebhook(channelId: string): void {
  cache.delete(channelId);
}

/** Why a log channel cannot be posted to, or null for a passing failure (retry later). */
export function permanentFailure(err: unknown): 'missing' | 'no_access' | null {
  if (!(err instanceof DiscordAPIError)) return null;
  if (err.code === 10003) return 'missing';
  if (err.code === 50001 || err.code === 50013 || err.status === 403) return 'no_access';
  if (err.status === 404 && err.code !== 10015) return 'missing';
  return null;
}

/** Whether Discord answered that the webhook itself is gone (10015 Unknown Webhook). */
export function isUnknownWebhook(err: unknown): boolean {
  return err instanceof DiscordAPIError && err.code === 10015;
}

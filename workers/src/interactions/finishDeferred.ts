import { MessageFlags } from 'discord-api-types/v10';
import { HttpError } from '../errors';
import type { Logger } from '@edge/shared/log';
import { InteractionError } from './InteractionError';
import type { InteractionWebhook } from './InteractionWebhook';
import type { ReplyBody } from './types';
import { errorFields } from '../lib/errorFields';
import { retryUnknownWebhook } from './retryUnknownWebhook';

/** Where a deferred interaction is finished. */
export interface DeferredTarget {
  applicationId: string;
  token: string;
  /** True after a type 6 (update) defer: errors go to an ephemeral follow-up, not `@original`. */
  update: boolean;
  requestId: string;
  label: string;
}

/**
 * True for failures whose message is written for the member: an {@link InteractionError}, or a
 * 4xx {@link HttpError} (a module refusal such as `NotBotOwner`, a Discord 403 mapped by the API).
 */
export function isRefusal(err: unknown): boolean {
  return err instanceof InteractionError || (err instanceof HttpError && err.status < 500);
}

/** The member-facing text for a failure: our own messages as they are, the rest generic. */
export function failureText(err: unknown, label: string, requestId: string): string {
  if (isRefusal(err)) return `⚠️ ${(err as Error).message}`;
  return `⚠️ Something went wrong while running ${label}. Reference: \`${requestId}\``;
}

/**
 * Delivers the result of deferred work by editing `@original`; if the work or the edit fails,
 * the member still learns what failed (never an endless "thinking…").
 */
export async function deliverDeferred(
  target: DeferredTarget,
  outcome: { ok: true; body: ReplyBody } | { ok: false; error: unknown },
  webhook: InteractionWebhook,
  log: Logger,
): Promise<void> {
  if (outcome.ok) {
    const body = outcome.body;
    try {
      await retryUnknownWebhook(() => webhook.editOriginal(target.applicationId, target.token, body));
      return;
    } catch (err) {
      log.error('deferred edit failed', { label: target.label, ...errorFields(err) });
      outcome = { ok: false, error: err };
    }
  } else {
    const e = outcome.error as Error;
    log[isRefusal(e) ? 'warn' : 'error']('deferred work failed', { label: target.label, name: e?.name, error: e?.message, stack: e?.stack });
  }
  const text = failureText(outcome.error, target.label, target.requestId);
  try {
    if (target.update) throw new Error('update defer: follow up instead');
    await retryUnknownWebhook(() => webhook.editOriginal(target.applicationId, target.token, { content: text, embeds: [], components: [] }));
  } catch {
    await webhook
      .followUp(target.applicationId, target.token, { content: text, flags: MessageFlags.Ephemeral })
      .catch((err) => log.error('error follow-up failed', { label: target.label, ...errorFields(err) }));
  }
}

/** Runs `work` and delivers its outcome (see {@link deliverDeferred}). */
export async function finishDeferred(
  target: DeferredTarget,
  work: () => Promise<ReplyBody>,
  webhook: InteractionWebhook,
  log: Logger,
): Promise<void> {
  let outcome: { ok: true; body: ReplyBody } | { ok: false; error: unknown };
  try {
    outcome = { ok: true, body: await work() };
  } catch (error) {
    outcome = { ok: false, error };
  }
  await deliverDeferred(target, outcome, webhook, log);
}

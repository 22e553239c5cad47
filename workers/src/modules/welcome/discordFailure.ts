import { DiscordAPIError } from '@discordjs/rest';
import type { ProcessingContext } from '../../platform/ModuleDefinition';

/** What a Discord call was for, in words an admin reads in the feed (e.g. "send the welcome message"). */
export interface DiscordAction {
  guildId: string;
  eventId?: string;
  /** Feed kind, e.g. `welcome.error`. */
  kind: string;
  what: string;
  details?: Record<string, unknown>;
}

/**
 * Runs a Discord call. A refusal Discord will repeat (4xx: missing permission, unknown
 * channel) is reported to the guild's feed and audit log and not retried; anything that may
 * pass later (5xx, network; 429s are already retried by `@discordjs/rest`) is rethrown so the
 * event stays unprocessed and the sweep retries it. Returns whether the call succeeded.
 */
export async function runDiscord(ctx: Pick<ProcessingContext, 'report' | 'log'>, action: DiscordAction, call: () => Promise<unknown>): Promise<boolean> {
  try {
    await call();
    return true;
  } catch (err) {
    if (!(err instanceof DiscordAPIError) || err.status >= 500 || err.status === 429) throw err;
    const code = typeof err.code === 'number' ? err.code : undefined;
    ctx.log.warn('discord refused', { guildId: action.guildId, kind: action.kind, status: err.status, code });
    ctx.report(action.guildId, {
      module: action.kind.split('.')[0] ?? 'system',
      kind: action.kind,
      level: 'error',
      summary: `Could not ${action.what}: ${err.message} (HTTP ${err.status}${code !== undefined ? `, Discord code ${code}` : ''})`,
      eventId: action.eventId,
      details: { ...action.details, status: err.status, code },
      audit: true,
    });
    return false;
  }
}

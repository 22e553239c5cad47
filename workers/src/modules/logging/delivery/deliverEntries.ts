import { Routes } from 'discord-api-types/v10';
import type { ProcessingContext } from '../../../platform/ModuleDefinition';
import type { LogEntry } from '../LogEntry';
import { packEntries, type LogMessage } from './packEntries';
import { forgetWebhook, isUnknownWebhook, permanentFailure, webhookFor } from './webhooks';

/** What became of one log channel's entries in a run. */
export interface ChannelOutcome {
  channelId: string;
  status: 'ok' | 'missing' | 'no_access';
  messages: number;
  entries: number;
}

type Deps = Pick<ProcessingContext, 'rest' | 'once' | 'report' | 'log' | 'appConfig'>;

/**
 * Posts one guild's entries, grouped per log channel, through the bot's webhook in each
 * channel: up to 10 embeds per message, each message at most once (claimed on its first
 * event). A channel that is gone or that the bot cannot reach is reported to the dashboard
 * (feed + audit row) with the number of entries set aside; any other failure throws so the
 * inbox delivers the events again with backoff (messages already posted are not posted twice).
 */
export async function deliverEntries(guildId: string, byChannel: Map<string, LogEntry[]>, deps: Deps): Promise<ChannelOutcome[]> {
  const outcomes = await Promise.all([...byChannel].map(async ([channelId, entries]): Promise<ChannelOutcome> => {
    const messages = packEntries(entries);
    let posted = 0;
    try {
      for (const m of messages) {
        const sent = await deps.once(m.eventIds[0]!, `logging:post:${channelId}`, () => post(deps, channelId, m));
        if (sent) posted++;
      }
      return { channelId, status: 'ok', messages: posted, entries: entries.length };
    } catch (err) {
      const status = permanentFailure(err);
      if (!status) throw err;
      deps.report(guildId, {
        module: 'logging',
        kind: `logging.channel_${status}`,
        level: 'error',
        summary: `Log channel <#${channelId}> ${status === 'missing' ? 'no longer exists' : 'is out of the bot’s reach (View Channel, Manage Webhooks)'}: ${entries.length} log entries could not be posted`,
        details: { channelId, status, entries: entries.length },
        audit: true,
      });
      deps.log.warn('log channel unavailable', { guildId, channelId, status, entries: entries.length });
      return { channelId, status, messages: posted, entries: entries.length };
    }
  }));
  return outcomes;
}

async function post(deps: Deps, channelId: string, m: LogMessage): Promise<void> {
  // Files go as multipart uploads, each named in `attachments` (Discord's upload rules).
  const body = { embeds: m.embeds, allowed_mentions: { parse: [] }, ...(m.files.length && { attachments: m.files.map((f, id) => ({ id, filename: f.name })) }) };
  const files = m.files.map((f) => ({ name: f.name, data: f.data, contentType: 'text/plain; charset=utf-8' }));
  const send = (hook: { id: string; token: string }) => deps.rest.post(Routes.webhook(hook.id, hook.token), { body, auth: false, ...(files.length && { files }) });
  try {
    await send(await webhookFor(deps.rest, channelId, deps.appConfig.DISCORD_APPLICATION_ID));
  } catch (err) {
    if (!isUnknownWebhook(err)) throw err;
    // Someone deleted the webhook: make a new one once.
    forgetWebhook(channelId);
    await send(await webhookFor(deps.rest, channelId, deps.appConfig.DISCORD_APPLICATION_ID));
  }
}

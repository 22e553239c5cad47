import { Routes, type APIEmbed } from 'discord-api-types/v10';
import { HttpError } from '../../../errors';
import { discordCall } from '../../../api/discord/botRest';
import { takeAutomatedAction } from '../../moderation';
import type { Hit, MessageFacts } from '../rules/checkMessage';
import type { JoinHit } from '../rules/checkJoin';
import type { AutomodDeps } from './AutomodDeps';
import { clip, LOG_COLORS } from './postLog';

const RULE_NAMES: Record<string, string> = {
  rate: 'Message rate', duplicates: 'Duplicate messages', invites: 'Invite links', links: 'Links', caps: 'Capitals',
  emoji: 'Emoji flood', attachments: 'Attachments', newAccount: 'New account', noAvatar: 'No avatar',
};

/** A rule's name as the dashboard shows it. */
export const ruleName = (id: string): string => RULE_NAMES[id] ?? id;

/** Deletes a message; one already gone is fine. */
export async function deleteMessage(d: AutomodDeps, m: Pick<MessageFacts, 'channelId' | 'id'>, reason: string): Promise<void> {
  await discordCall(() => d.rest.delete(Routes.channelMessage(m.channelId, m.id), { reason: `Automod: ${reason}`.slice(0, 512) })).catch((err: unknown) => {
    if (!(err instanceof HttpError && err.status === 404)) throw err;
  });
}

/**
 * What a hit does beyond the deletion: a warning, timeout, kick or ban through Moderation
 * (a case as the bot, with escalation). Returns what to say in the log.
 */
export async function moderate(d: AutomodDeps, targetId: string, hit: Hit | JoinHit): Promise<string> {
  if (hit.action === 'delete' || hit.action === 'log') return hit.action === 'delete' ? 'Message deleted' : 'Logged only';
  const outcome = await takeAutomatedAction(d, { action: hit.action, targetId, reason: `Automod · ${ruleName(hit.rule)}: ${hit.reason}`, durationSeconds: hit.action === 'timeout' ? hit.timeoutSeconds : null });
  return 'caseNumber' in outcome ? `${hit.action === 'warn' ? 'Warned' : hit.action === 'timeout' ? 'Timed out' : hit.action === 'kick' ? 'Kicked' : 'Banned'} (case #${outcome.caseNumber})` : `Could not ${hit.action}: ${outcome.error}`;
}

/** The log entry of a caught message (its text quoted, cut short). */
export function caughtEmbed(m: MessageFacts, hit: Hit, outcome: string, others: number): APIEmbed {
  return {
    title: `Automod · ${ruleName(hit.rule)}`,
    color: LOG_COLORS.caught,
    description: m.content ? `>>> ${clip(m.content, 900)}` : undefined,
    fields: [
      { name: 'Member', value: `<@${m.authorId}>`, inline: true },
      { name: 'Channel', value: `<#${m.channelId}>`, inline: true },
      { name: 'Why', value: hit.reason + (others ? ` (+${others} other rule${others > 1 ? 's' : ''})` : ''), inline: false },
      { name: 'Done', value: outcome, inline: false },
    ],
    timestamp: new Date(m.at).toISOString(),
  };
}

/** The log entry of a join a join rule caught. */
export function joinEmbed(userId: string, hit: JoinHit, outcome: string): APIEmbed {
  return { title: `Automod · ${ruleName(hit.rule)}`, color: LOG_COLORS.join, fields: [{ name: 'Member', value: `<@${userId}>`, inline: true }, { name: 'Why', value: hit.reason, inline: true }, { name: 'Done', value: outcome }] };
}

import { z } from 'zod';
import { channelField, channelsField, rolesField } from '../../platform/configFields';

const route = (title: string, description: string) =>
  channelField().nullable().default(null).meta({ title, description: `${description} None: not logged.` });

/** The kinds of log entry, each routed to its own channel (or none). */
export const LOG_KINDS = [
  'messageEdit',
  'messageDelete',
  'messageBulkDelete',
  'memberJoin',
  'memberLeave',
  'memberUpdate',
  'bans',
  'roles',
  'channels',
  'voice',
  'invites',
] as const;

/** One kind of log entry. */
export type LogKind = (typeof LOG_KINDS)[number];

/**
 * The Logging module's config: per kind of event, the channel its entries go to; what is
 * ignored; how long message content is kept to show edits and deletions "as they were".
 */
export const loggingConfigSchema = z.object({
  routes: z
    .object({
      messageEdit: route('Message edited', 'Before and after, with a link to the message.'),
      messageDelete: route('Message deleted', 'The deleted message as it was, when it was still kept.'),
      messageBulkDelete: route('Bulk delete', 'Purges: how many, where, and the transcript as an attached file (text of the messages still kept).'),
      memberJoin: route('Member joined', 'Who joined, with the account age (new accounts flagged).'),
      memberLeave: route('Member left', 'Who left or was kicked, and the roles they had.'),
      memberUpdate: route('Member updated', 'Nickname changes, roles added or removed, timeouts, and who did it.'),
      bans: route('Bans and unbans', 'Who was banned or unbanned, by whom, why.'),
      roles: route('Roles', 'Roles created, edited (name, colour, permissions) and deleted.'),
      channels: route('Channels and threads', 'Channels and threads created, edited and deleted.'),
      voice: route('Voice', 'Members joining, leaving and moving between voice channels.'),
      invites: route('Invites', 'Invites created and deleted, with who made them.'),
    })
    .prefault({})
    .meta({ title: 'Log channels', description: 'Where each kind of entry is posted. Free plan: 1 log channel (several kinds may share it).' }),
  ignore: z
    .object({
      channels: channelsField(50).default([]).meta({ title: 'Ignored channels', description: 'Messages and voice activity in these channels are not logged.' }),
      roles: rolesField(50).default([]).meta({ title: 'Ignored roles', description: 'Members holding one of these roles are not logged (their messages, updates, voice).' }),
      bots: z.boolean().default(true).meta({ title: 'Ignore bots', description: 'Messages and voice activity of bots are not logged.' }),
    })
    .prefault({})
    .meta({ title: 'Ignore', description: 'What is never logged.' }),
  contentRetentionHours: z
    .number()
    .int()
    .min(0)
    .max(24 * 30)
    .default(72)
    .meta({ title: 'Keep message content (hours)', description: 'How long message content is kept to show edits and deletions as they were. 0: never kept. Dropped at once when the module is turned off.' }),
});

/** A validated Logging config. */
export type LoggingConfig = z.infer<typeof loggingConfigSchema>;

/** The distinct log channels a config posts to (what the plan limit counts). */
export function logChannels(c: LoggingConfig): string[] {
  return [...new Set(LOG_KINDS.map((k) => c.routes[k]).filter((x): x is string => !!x))];
}

import { json, moduleClient } from '$lib/api/moduleClient';
import type { LoggingApi } from '@edge/workers/modules/logging';

const client = (g: string) => moduleClient<LoggingApi>(g, 'logging');

/** Names of the kinds of log entry, as the settings form titles them. */
export const KIND_LABEL: Record<string, string> = {
  messageEdit: 'Edits', messageDelete: 'Deletions', messageBulkDelete: 'Bulk deletes', memberJoin: 'Joins', memberLeave: 'Leaves',
  memberUpdate: 'Member updates', bans: 'Bans', roles: 'Roles', channels: 'Channels', voice: 'Voice', invites: 'Invites',
};

/** The Logging routes through the typed client. */
export const loggingApi = {
  channels: (g: string) => json(client(g).channels.$get({ param: { guildId: g } })),
  /** Same-origin download link of the server audit report (the session cookie authenticates it). */
  exportUrl: (g: string, format: 'json' | 'csv') => `/api/guilds/${g}/modules/logging/audit-export?format=${format}`,
};

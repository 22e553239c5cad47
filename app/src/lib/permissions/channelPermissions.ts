/** A permission the channel permission editor offers. */
export interface ChannelPermission {
  flag: bigint;
  label: string;
  group: 'General' | 'Text' | 'Voice';
}

const p = (bit: bigint, label: string, group: ChannelPermission['group']): ChannelPermission => ({ flag: 1n << bit, label, group });

/** The common channel-level permissions, grouped as Discord's own editor groups them. */
export const CHANNEL_PERMISSIONS: ChannelPermission[] = [
  p(10n, 'View Channel', 'General'), p(4n, 'Manage Channel', 'General'), p(28n, 'Manage Permissions', 'General'),
  p(0n, 'Create Invite', 'General'), p(29n, 'Manage Webhooks', 'General'),
  p(11n, 'Send Messages', 'Text'), p(38n, 'Send Messages in Threads', 'Text'), p(35n, 'Create Public Threads', 'Text'),
  p(36n, 'Create Private Threads', 'Text'), p(14n, 'Embed Links', 'Text'), p(15n, 'Attach Files', 'Text'),
  p(6n, 'Add Reactions', 'Text'), p(18n, 'Use External Emojis', 'Text'), p(17n, 'Mention @everyone and All Roles', 'Text'),
  p(13n, 'Manage Messages', 'Text'), p(34n, 'Manage Threads', 'Text'), p(16n, 'Read Message History', 'Text'),
  p(31n, 'Use Application Commands', 'Text'),
  p(20n, 'Connect', 'Voice'), p(21n, 'Speak', 'Voice'), p(9n, 'Video', 'Voice'), p(25n, 'Use Voice Activity', 'Voice'),
  p(8n, 'Priority Speaker', 'Voice'), p(22n, 'Mute Members', 'Voice'), p(23n, 'Deafen Members', 'Voice'),
  p(24n, 'Move Members', 'Voice'), p(32n, 'Request to Speak', 'Voice'),
];

const TEXT_TYPES = new Set([0, 5, 15, 16]);
const VOICE_TYPES = new Set([2, 13]);

/**
 * The permissions that mean something on a channel of `type`: text channels have no voice
 * permissions and voice channels no thread ones; categories offer all (their channels inherit).
 */
export function permissionsFor(type: number): ChannelPermission[] {
  if (TEXT_TYPES.has(type)) return CHANNEL_PERMISSIONS.filter((x) => x.group !== 'Voice');
  if (VOICE_TYPES.has(type)) {
    // Voice channels have a text chat too, but no threads; "Request to Speak" is for stages only.
    return CHANNEL_PERMISSIONS.filter((x) => !/Thread/.test(x.label) && (type === 13 || x.label !== 'Request to Speak'));
  }
  return CHANNEL_PERMISSIONS;
}

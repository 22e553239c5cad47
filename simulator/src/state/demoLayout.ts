import { ChannelType, OverwriteType, PermissionFlagsBits as P } from 'discord-api-types/v10';
import type { SimState } from './SimState.js';

/** Creates the demo guild's categories and channels; returns ids by name (categories as `category:<name>`). */
export function demoChannels(state: SimState, guildId: string, roles: { moderator: string; verified: string }): Record<string, string> {
  const ids: Record<string, string> = {};
  const cat = (name: string, overwrites: { id: string; type: OverwriteType; allow: string; deny: string }[] = []) =>
    (ids[`category:${name.toLowerCase()}`] = state.channels.create(guildId, { name, type: ChannelType.GuildCategory, permission_overwrites: overwrites }).id);
  const add = (name: string, type: ChannelType, parent: string, extra: Record<string, unknown> = {}) =>
    (ids[name] = state.channels.create(guildId, { name, type, parent_id: parent, ...extra }).id);

  const info = cat('Information');
  add('rules', ChannelType.GuildText, info, { topic: 'Read before posting' });
  add('announcements', ChannelType.GuildAnnouncement, info, { topic: 'News' });
  add('welcome', ChannelType.GuildText, info);
  const community = cat('Community');
  add('general', ChannelType.GuildText, community, { topic: 'Talk about anything' });
  add('memes', ChannelType.GuildText, community, { rate_limit_per_user: 5 });
  add('off-topic', ChannelType.GuildText, community);
  add('bot-commands', ChannelType.GuildText, community);
  add('help', ChannelType.GuildForum, community);
  const staffOverwrites = [
    { id: guildId, type: OverwriteType.Role, allow: '0', deny: String(P.ViewChannel) },
    { id: roles.moderator, type: OverwriteType.Role, allow: String(P.ViewChannel | P.SendMessages), deny: '0' },
  ];
  const staff = cat('Staff', staffOverwrites);
  add('mod-log', ChannelType.GuildText, staff, { permission_overwrites: staffOverwrites });
  add('staff-chat', ChannelType.GuildText, staff, { permission_overwrites: staffOverwrites });
  const voice = cat('Voice');
  add('lounge', ChannelType.GuildVoice, voice);
  add('gaming', ChannelType.GuildVoice, voice, { user_limit: 5 });
  add('afk', ChannelType.GuildVoice, voice);
  add('stage', ChannelType.GuildStageVoice, voice);
  ids['introductions'] = state.channels.create(guildId, { name: 'introductions', type: ChannelType.PublicThread, parent_id: ids['general'] }).id;
  return ids;
}

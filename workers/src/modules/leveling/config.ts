import { z } from 'zod';
import { channelField, channelsField, messageField, roleField, rolesField } from '../../platform/configFields';

/** One role reward: reaching `level` gives `roleId`. */
export const roleRewardSchema = z.object({
  level: z.number().int().min(1).max(500).meta({ title: 'Level', description: 'The level that gives the role.' }),
  roleId: roleField().meta({ title: 'Role', description: 'The role given at that level.' }),
});

/** A channel whose messages and voice time earn more (or less) XP. */
export const channelMultiplierSchema = z.object({
  channelId: channelField().meta({ title: 'Channel', description: 'A text or voice channel.' }),
  multiplier: z.number().min(0).max(10).meta({ title: 'Multiplier', description: 'XP earned there is multiplied by this (0.5 = half, 2 = double).' }),
});

/**
 * The Leveling module's config: the one source of validation for the API and the dashboard
 * form. `levelingConfigSchema.parse({})` gives the defaults (MEE6-like: 15–25 XP a message, one
 * message a minute, the curve 5·L² + 50·L + 100 XP from level L to L + 1).
 */
export const levelingConfigSchema = z.object({
  messageXpMin: z.number().int().min(0).max(1000).default(15).meta({ title: 'XP per message (min)', description: 'Each counted message earns between the min and the max (the same number if they are equal).' }),
  messageXpMax: z.number().int().min(0).max(1000).default(25).meta({ title: 'XP per message (max)', description: 'Upper bound of the XP a counted message earns.' }),
  cooldownSeconds: z.number().int().min(0).max(3600).default(60).meta({ title: 'Message cooldown', description: 'A member’s messages earn XP at most once per this many seconds.', widget: 'duration' }),
  voiceXpPerMinute: z.number().int().min(0).max(1000).default(5).meta({ title: 'XP per voice minute', description: 'Earned per minute in voice, not alone (another member is there) and not deafened. 0: voice earns nothing.' }),
  channelMultipliers: z.array(channelMultiplierSchema).max(50).default([])
    .refine((l) => new Set(l.map((x) => x.channelId)).size === l.length, 'a channel appears twice')
    .meta({ title: 'Channel multipliers', description: 'Channels where XP counts more or less.' }),
  noXpChannelIds: channelsField(100).default([]).meta({ title: 'No-XP channels', description: 'Messages and voice time here earn nothing.' }),
  noXpRoleIds: rolesField(25).default([]).meta({ title: 'No-XP roles', description: 'Members holding any of these earn nothing.' }),
  curveA: z.number().int().min(0).max(1000).default(5).meta({ title: 'Curve: a (× level²)', description: 'XP from level L to L+1 = a·L² + b·L + c (MEE6: 5, 50, 100).' }),
  curveB: z.number().int().min(0).max(10_000).default(50).meta({ title: 'Curve: b (× level)', description: 'The linear part of the level curve.' }),
  curveC: z.number().int().min(1).max(100_000).default(100).meta({ title: 'Curve: c', description: 'XP from level 0 to level 1.' }),
  roleRewards: z.array(roleRewardSchema).max(50).default([])
    .refine((l) => new Set(l.map((x) => x.roleId)).size === l.length, 'a role is given at two levels')
    .meta({ title: 'Role rewards', description: 'Roles given when members reach a level (free on every plan).' }),
  rewardMode: z.enum(['stack', 'replace']).default('stack').meta({
    title: 'Reward mode', description: 'Stack: members keep every reward role they reached. Replace: only the highest one.',
    options: { stack: 'Stack (keep all)', replace: 'Replace (highest only)' },
  }),
  announce: z.enum(['current', 'channel', 'dm', 'off']).default('current').meta({
    title: 'Level-up announcement', description: 'Where a level-up is announced.',
    options: { current: 'In the channel of the message', channel: 'In a fixed channel', dm: 'By direct message', off: 'Off' },
  }),
  announceChannelId: channelField().nullable().default(null).meta({ title: 'Announcement channel', description: 'Where level-ups are announced.', showIf: { announce: 'channel' } }),
  announceTemplate: messageField(1000).default('GG {user}, you reached level **{level}**!').meta({
    title: 'Announcement message', description: 'Placeholders: {user} (mention), {username}, {level}, {xp}.',
  }),
}).refine((c) => c.messageXpMin <= c.messageXpMax, { message: 'the min XP per message is above the max', path: ['messageXpMin'] })
  .refine((c) => c.announce !== 'channel' || c.announceChannelId !== null, { message: 'pick the announcement channel', path: ['announceChannelId'] });

/** A validated Leveling config. */
export type LevelingConfig = z.infer<typeof levelingConfigSchema>;

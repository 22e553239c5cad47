import { z } from 'zod';
import { channelField, channelsField, durationField, rolesField } from '../../platform/configFields';

/** What one of our rules does when it fires. */
export const RULE_ACTIONS = ['delete', 'warn', 'timeout', 'kick', 'ban', 'log'] as const;
export type RuleAction = (typeof RULE_ACTIONS)[number];
const ACTION_LABELS = { delete: 'Delete the message', warn: 'Delete + warn', timeout: 'Delete + time out', kick: 'Delete + kick', ban: 'Delete + ban', log: 'Only log it' };

const timeoutField = () => durationField(60, 2_419_200).default(600).meta({ title: 'Timeout length', description: 'How long the member is timed out.', showIf: { action: 'timeout' } });

/** What every message rule shares: on/off, the action, where it applies, who is exempt. */
const messageRule = <T extends z.ZodRawShape>(shape: T, defaults: { action?: RuleAction } = {}) =>
  z.object({
    enabled: z.boolean().default(false).meta({ title: 'On', description: 'Whether this rule runs.' }),
    ...shape,
    action: z.enum(RULE_ACTIONS).default(defaults.action ?? 'delete').meta({ title: 'Then', description: 'Every action but “Only log it” deletes the message; warnings, timeouts, kicks and bans are Moderation cases (escalation applies).', options: ACTION_LABELS }),
    timeoutSeconds: timeoutField(),
    channels: channelsField(50).default([]).meta({ title: 'Only in channels', description: 'The rule runs only in these channels. None: everywhere.' }),
    exemptChannels: channelsField(50).default([]).meta({ title: 'Exempt channels', description: 'Never checked in these channels.' }),
    exemptRoles: rolesField(25).default([]).meta({ title: 'Exempt roles', description: 'Members with one of these roles are never checked.' }),
    maxAccountAgeDays: z.number().int().min(0).max(3650).default(0).meta({ title: 'Only accounts younger than (days)', description: 'Checks only accounts created fewer than this many days ago. 0: every account.' }),
    // Every field has a default: `{}` parses (the generic shape hides it from the types).
  }).prefault({} as never);

/** Join rules' actions (a join has no message to delete). */
const JOIN_ACTIONS = ['log', 'timeout', 'kick', 'ban'] as const;
const joinRule = <T extends z.ZodRawShape>(shape: T) =>
  z.object({
    enabled: z.boolean().default(false).meta({ title: 'On', description: 'Whether this rule runs on joins.' }),
    ...shape,
    action: z.enum(JOIN_ACTIONS).default('kick').meta({ title: 'Then', description: 'What happens to a matching new member.', options: { log: 'Only log it', timeout: 'Time out', kick: 'Kick', ban: 'Ban' } }),
    timeoutSeconds: timeoutField(),
  }).prefault({} as never);

const words = (max: number, len: number) => z.array(z.string().trim().min(1).max(len)).max(max).default([]);

/** Rules Discord enforces itself (its AutoMod), kept in sync by the bot. */
const nativeSchema = z.object({
  keywords: z.object({
    enabled: z.boolean().default(false).meta({ title: 'On', description: 'Discord blocks messages with these words.' }),
    words: words(1000, 60).meta({ title: 'Words', description: 'Whole words; `*` opens a side: `scam*` prefixes, `*scam*` anywhere.' }),
    allowList: words(100, 60).meta({ title: 'Allowed anyway', description: 'Words never blocked even when a rule matches them.' }),
    timeoutSeconds: z.number().int().min(0).max(2_419_200).default(0).meta({ widget: 'duration', title: 'Also time out for', description: 'Discord times the author out this long. 0: no timeout.' }),
  }).prefault({}).meta({ title: 'Blocked words', description: 'A Discord AutoMod keyword rule.' }),
  regex: z.object({
    enabled: z.boolean().default(false).meta({ title: 'On', description: 'Discord blocks messages matching these patterns.' }),
    patterns: words(10, 260).meta({ title: 'Patterns', description: 'Regular expressions (Rust syntax, case-insensitive), 10 at most.' }),
  }).prefault({}).meta({ title: 'Blocked patterns', description: 'A Discord AutoMod keyword rule with regular expressions.' }),
  spam: z.object({
    enabled: z.boolean().default(false).meta({ title: 'On', description: 'Discord blocks messages its model finds to be spam.' }),
  }).prefault({}).meta({ title: 'Spam content', description: 'Discord AutoMod’s spam filter.' }),
  mentions: z.object({
    enabled: z.boolean().default(false).meta({ title: 'On', description: 'Discord blocks messages with too many mentions.' }),
    limit: z.number().int().min(1).max(50).default(5).meta({ title: 'Most mentions', description: 'Unique users and roles mentioned in one message.' }),
    raidProtection: z.boolean().default(true).meta({ title: 'Mention raid protection', description: 'Discord also detects mention raids across messages.' }),
    timeoutSeconds: z.number().int().min(0).max(2_419_200).default(0).meta({ widget: 'duration', title: 'Also time out for', description: '0: no timeout.' }),
  }).prefault({}).meta({ title: 'Mention spam', description: 'A Discord AutoMod mention spam rule.' }),
  profile: z.object({
    enabled: z.boolean().default(false).meta({ title: 'On', description: 'Discord keeps members with these words in their names from talking until they change them.' }),
    words: words(1000, 60).meta({ title: 'Words in names', description: 'Username, display name or nickname.' }),
  }).prefault({}).meta({ title: 'Member names', description: 'A Discord AutoMod member profile rule.' }),
  blockMessage: z.string().trim().max(150).nullable().default(null).meta({ title: 'Shown to the author', description: 'Discord shows this when it blocks a message. None: Discord’s own text.' }),
  exemptRoles: rolesField(20).default([]).meta({ title: 'Exempt roles', description: 'Never checked by these rules (members with Manage Server always are).' }),
  exemptChannels: channelsField(50).default([]).meta({ title: 'Exempt channels', description: 'Never checked in these channels.' }),
  warnOnBlock: z.boolean().default(false).meta({ title: 'A blocked message is a warning', description: 'Each message Discord blocks becomes a Moderation warning (escalation applies). Off: only logged.' }),
}).prefault({});

/**
 * The Automod config: Discord-native rules first (Discord enforces them at no cost to us), our
 * own message and join rules where Discord has none, anti-raid. `parse({})` = all off.
 */
export const automodConfigSchema = z.object({
  logChannelId: channelField().nullable().default(null).meta({ title: 'Automod log channel', description: 'What the rules caught, Discord’s alerts and raid mode are posted here. None: only the dashboard and Moderation’s mod-log.' }),
  native: nativeSchema.meta({ title: 'Discord AutoMod', description: 'Rules Discord enforces itself, before anyone sees the message; the bot creates them and puts them back when they are changed or deleted in Discord.' }),
  rules: z.object({
    rate: messageRule({
      messages: z.number().int().min(2).max(50).default(6).meta({ title: 'Messages', description: 'More than this many messages…' }),
      seconds: z.number().int().min(1).max(120).default(5).meta({ title: 'Within (seconds)', description: '…from one member within this many seconds.' }),
    }, { action: 'timeout' }).meta({ title: 'Message rate', description: 'Flooding: too many messages too fast.' }),
    duplicates: messageRule({
      count: z.number().int().min(2).max(20).default(3).meta({ title: 'Copies', description: 'The same text this many times…' }),
      seconds: z.number().int().min(5).max(600).default(60).meta({ title: 'Within (seconds)', description: '…from one member within this many seconds.' }),
    }).meta({ title: 'Duplicate messages', description: 'The same message posted again and again.' }),
    invites: messageRule({
      allowedCodes: words(20, 40).meta({ title: 'Allowed invite codes', description: 'This server’s own invites (the code after discord.gg/).' }),
    }).meta({ title: 'Invite links', description: 'Invites to other servers.' }),
    links: messageRule({
      mode: z.enum(['block', 'allow']).default('block').meta({ title: 'Mode', description: 'Block the listed domains, or allow only them.', options: { block: 'Block these domains', allow: 'Allow only these domains' } }),
      domains: words(200, 100).meta({ title: 'Domains', description: 'example.com also covers its subdomains.' }),
    }).meta({ title: 'Links', description: 'Links by domain.' }),
    caps: messageRule({
      percent: z.number().int().min(50).max(100).default(70).meta({ title: 'Capitals (%)', description: 'Share of letters in capitals…' }),
      minLength: z.number().int().min(5).max(200).default(12).meta({ title: 'Shortest message', description: '…in messages of at least this many letters.' }),
    }).meta({ title: 'Capitals', description: 'SHOUTING.' }),
    emoji: messageRule({
      max: z.number().int().min(1).max(50).default(8).meta({ title: 'Most emoji', description: 'Emoji (Unicode and custom) allowed in one message.' }),
    }).meta({ title: 'Emoji flood', description: 'Too many emoji in one message.' }),
    attachments: messageRule({
      extensions: words(50, 10).meta({ title: 'Blocked file types', description: 'Extensions without the dot: exe, scr, bat…' }),
    }).meta({ title: 'Attachments', description: 'Files of blocked types.' }),
  }).prefault({}).meta({ title: 'Message rules', description: 'Checked by the bot on every message, in the server’s hub (no database per message).' }),
  joins: z.object({
    newAccount: joinRule({
      days: z.number().int().min(1).max(365).default(3).meta({ title: 'Younger than (days)', description: 'Accounts created fewer than this many days ago.' }),
    }).meta({ title: 'New accounts', description: 'Joins of freshly made accounts.' }),
    noAvatar: joinRule({}).meta({ title: 'No avatar', description: 'Joins of accounts without an avatar.' }),
  }).prefault({}).meta({ title: 'Join rules', description: 'Checked on every join.' }),
  raid: z.object({
    enabled: z.boolean().default(false).meta({ title: 'On', description: 'Detect join raids and switch to raid mode.' }),
    joins: z.number().int().min(3).max(100).default(8).meta({ title: 'Joins', description: 'This many joins (of the accounts below)…' }),
    seconds: z.number().int().min(5).max(600).default(30).meta({ title: 'Within (seconds)', description: '…within this many seconds start raid mode.' }),
    freshAccountDays: z.number().int().min(0).max(365).default(7).meta({ title: 'Accounts younger than (days)', description: 'Only joins of accounts this young count, and are acted on. 0: every join.' }),
    raiseVerification: z.boolean().default(true).meta({ title: 'Raise verification', description: 'Set the server’s verification level to High during raid mode (put back after).' }),
    pauseInvites: z.boolean().default(true).meta({ title: 'Pause invites', description: 'Nobody can join through invites during raid mode.' }),
    onJoin: z.enum(['none', 'timeout', 'kick']).default('timeout').meta({ title: 'Raid joins', description: 'What happens to the matching joins of the raid.', options: { none: 'Nothing', timeout: 'Time out', kick: 'Kick' } }),
    timeoutSeconds: durationField(60, 2_419_200).default(3600).meta({ title: 'Timeout length', description: 'How long raid joins are timed out.', showIf: { onJoin: 'timeout' } }),
    quietMinutes: z.number().int().min(1).max(1440).default(10).meta({ title: 'Ends after (minutes) of quiet', description: 'Raid mode ends once no matching join came for this long (or when an admin ends it).' }),
  }).prefault({}).meta({ title: 'Anti-raid', description: 'A burst of joins switches the server into raid mode; every step is undone when it ends.' }),
});

/** A validated Automod config. */
export type AutomodConfig = z.infer<typeof automodConfigSchema>;
/** One message rule's config. */
export type MessageRuleConfig = AutomodConfig['rules'][keyof AutomodConfig['rules']];
/** The message rules, by id. */
export type MessageRuleId = keyof AutomodConfig['rules'];

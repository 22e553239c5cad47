import { automodConfigSchema, type AutomodConfig } from './config';

/** The rule sets an admin can start from. */
export const PRESET_NAMES = ['light', 'standard', 'strict'] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

const SCAM_WORDS = ['free nitro', 'nitro giveaway', 'steam gift', '*discordgift*', 'airdrop claim'];
const SCAM_PATTERNS = ['(?:discord|steam)[^\\s/]*\\.(?:gift|ru|xyz)/', 'https?://\\S*(?:nitro|gift)\\S*\\.(?:xyz|ru|tk)'];
const RISKY_FILES = ['exe', 'scr', 'bat', 'cmd', 'msi', 'vbs', 'js', 'jar', 'ps1', 'apk'];

const PRESETS: Record<PresetName, unknown> = {
  light: {
    native: { spam: { enabled: true }, mentions: { enabled: true, limit: 10 } },
    rules: {
      rate: { enabled: true, messages: 10, seconds: 5, action: 'delete' },
      invites: { enabled: true, action: 'delete' },
      attachments: { enabled: true, extensions: RISKY_FILES, action: 'delete' },
    },
    raid: { enabled: true, joins: 15, seconds: 30, onJoin: 'none' },
  },
  standard: {
    native: { keywords: { enabled: true, words: SCAM_WORDS }, regex: { enabled: true, patterns: SCAM_PATTERNS }, spam: { enabled: true }, mentions: { enabled: true, limit: 6 } },
    rules: {
      rate: { enabled: true, messages: 6, seconds: 5, action: 'timeout', timeoutSeconds: 300 },
      duplicates: { enabled: true, count: 3, seconds: 60, action: 'delete' },
      invites: { enabled: true, action: 'warn' },
      caps: { enabled: true, percent: 80, minLength: 15, action: 'delete' },
      emoji: { enabled: true, max: 12, action: 'delete' },
      attachments: { enabled: true, extensions: RISKY_FILES, action: 'warn' },
    },
    raid: { enabled: true, joins: 8, seconds: 30, freshAccountDays: 7, onJoin: 'timeout', timeoutSeconds: 3600 },
  },
  strict: {
    native: { keywords: { enabled: true, words: SCAM_WORDS, timeoutSeconds: 600 }, regex: { enabled: true, patterns: SCAM_PATTERNS }, spam: { enabled: true }, mentions: { enabled: true, limit: 4, timeoutSeconds: 600 }, warnOnBlock: true },
    rules: {
      rate: { enabled: true, messages: 5, seconds: 5, action: 'timeout', timeoutSeconds: 900 },
      duplicates: { enabled: true, count: 2, seconds: 120, action: 'warn' },
      invites: { enabled: true, action: 'timeout', timeoutSeconds: 3600 },
      links: { enabled: true, mode: 'block', domains: ['grabify.link', 'iplogger.org', 'bit.ly'], action: 'warn' },
      caps: { enabled: true, percent: 70, minLength: 10, action: 'delete' },
      emoji: { enabled: true, max: 8, action: 'delete' },
      attachments: { enabled: true, extensions: RISKY_FILES, action: 'timeout', timeoutSeconds: 3600 },
    },
    joins: { newAccount: { enabled: true, days: 3, action: 'timeout', timeoutSeconds: 3600 } },
    raid: { enabled: true, joins: 6, seconds: 30, freshAccountDays: 14, onJoin: 'kick' },
  },
};

/**
 * A preset applied to a config: its rules replace the config's, what is the server's own
 * (the log channel, exempt roles and channels) is kept.
 */
export function applyPreset(name: PresetName, current: AutomodConfig = automodConfigSchema.parse({})): AutomodConfig {
  const p = automodConfigSchema.parse(PRESETS[name]);
  p.logChannelId = current.logChannelId;
  p.native.exemptRoles = current.native.exemptRoles;
  p.native.exemptChannels = current.native.exemptChannels;
  for (const id of Object.keys(p.rules) as (keyof AutomodConfig['rules'])[]) {
    p.rules[id].exemptRoles = current.rules[id].exemptRoles;
    p.rules[id].exemptChannels = current.rules[id].exemptChannels;
  }
  return p;
}

import { z } from 'zod';
import { channelField, durationField, messageField } from '../../platform/configFields';

/**
 * The Moderation module's config: the one source of validation for the API and the dashboard
 * form. `moderationConfigSchema.parse({})` gives the defaults.
 */
export const moderationConfigSchema = z.object({
  modLogChannelId: channelField()
    .nullable()
    .default(null)
    .meta({ title: 'Mod-log channel', description: 'Every case is posted here (who, whom, why, how long). None: cases are only in the dashboard.' }),
  dm: z
    .object({
      enabled: z.boolean().default(true).meta({ title: 'Tell the member by DM', description: 'Before a warning, timeout, kick or ban, the member gets a DM with the reason. Members who block DMs from servers do not get it.' }),
      appeal: messageField(500)
        .nullable()
        .default(null)
        .meta({ title: 'Appeal line', description: 'Added to the DM, e.g. “Appeal at https://forms.example/appeal”. None: no appeal line.', showIf: { enabled: true } }),
    })
    .prefault({})
    .meta({ title: 'Direct message', description: 'What the member is told about an action taken on them.' }),
  requireReason: z.boolean().default(false).meta({ title: 'Require a reason', description: 'Refuse actions without a reason (slash commands and the dashboard alike).' }),
  escalation: z
    .array(
      z.object({
        warnings: z.number().int().min(2).max(50).meta({ title: 'Warnings', description: 'The rule applies at this many warnings…' }),
        periodDays: z.number().int().min(1).max(365).default(30).meta({ title: 'Within (days)', description: '…given within this many days.' }),
        action: z.enum(['timeout', 'kick', 'ban']).default('timeout').meta({ title: 'Then', description: 'What the bot does, as its own case.', options: { timeout: 'Time out', kick: 'Kick', ban: 'Ban' } }),
        durationSeconds: durationField(60, 2_419_200)
          .default(3600)
          .meta({ title: 'Timeout length', description: 'How long the timeout lasts.', showIf: { action: 'timeout' } }),
      }),
    )
    .max(25)
    .default([])
    .meta({ title: 'Escalation', description: 'Automatic actions when warnings pile up (Free plan: 3 rules).' }),
  defaultTimeout: durationField(60, 2_419_200)
    .default(3600)
    .meta({ title: 'Default timeout', description: 'Used when /timeout or the Timeout menu is given no duration.' }),
});

/** A validated Moderation config. */
export type ModerationConfig = z.infer<typeof moderationConfigSchema>;

import { z } from 'zod';
import { channelsField } from '../../platform/configFields';

/**
 * The Stats module's config: the one source of validation for the API and the dashboard form.
 * `statsConfigSchema.parse({})` gives the defaults.
 */
export const statsConfigSchema = z.object({
  ignoredChannelIds: channelsField(100)
    .default([])
    .meta({ title: 'Ignored channels', description: 'Messages, reactions and voice time here are not counted (bot or spam channels).' }),
  countBots: z
    .boolean()
    .default(false)
    .meta({ title: 'Count bots', description: 'Count messages and reactions of bots and webhooks (off: people only).' }),
});

/** A validated Stats config. */
export type StatsConfig = z.infer<typeof statsConfigSchema>;

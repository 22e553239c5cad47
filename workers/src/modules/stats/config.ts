import { z } from 'zod';

const snowflake = z.string().regex(/^\d{15,21}$/, 'must be a Discord id');

/**
 * The Stats module's config: the one source of validation for the API and the dashboard form.
 * `statsConfigSchema.parse({})` gives the defaults.
 */
export const statsConfigSchema = z.object({
  /** Channels whose messages, reactions and voice time are not counted (e.g. bot or spam channels). */
  ignoredChannelIds: z
    .array(snowflake)
    .max(100)
    .default([])
    .refine((ids) => new Set(ids).size === ids.length, 'must not repeat a channel'),
  /** Count messages and reactions of bots and webhooks (off: most servers want people only). */
  countBots: z.boolean().default(false),
});

/** A validated Stats config. */
export type StatsConfig = z.infer<typeof statsConfigSchema>;

import { z } from 'zod';

/** The Polls module's config. `pollsConfigSchema.parse({})` gives the defaults. */
export const pollsConfigSchema = z.object({
  defaultHours: z.number().int().min(1).max(768).default(24).meta({ title: 'Default duration (hours)', description: 'How long a poll lasts when /poll is given no duration (Discord allows up to 32 days).' }),
});

/** A validated Polls config. */
export type PollsConfig = z.infer<typeof pollsConfigSchema>;

import { z } from 'zod';
import { channelField, channelsField, colorField, emojiField } from '../../platform/configFields';

/**
 * The Starboard module's config. `starboardConfigSchema.parse({})` gives the defaults (no
 * channel yet: nothing is reposted until an admin picks one).
 */
export const starboardConfigSchema = z.object({
  channelId: channelField().nullable().default(null).meta({ title: 'Starboard channel', description: 'Where starred messages are reposted. None: nothing is reposted.' }),
  emoji: emojiField().default('⭐').meta({ title: 'Emoji', description: 'The reaction that stars a message.' }),
  threshold: z.number().int().min(1).max(100).default(3).meta({ title: 'Stars needed', description: 'How many members must react (the author and bots do not count) before the message is reposted.' }),
  belowThreshold: z
    .enum(['remove', 'keep'])
    .default('remove')
    .meta({ title: 'When stars fall below the threshold', description: 'Remove the starboard post, or keep it with its count updated.', options: { remove: 'Remove the post', keep: 'Keep it, count updated' } }),
  ignoredChannels: channelsField(50).default([]).meta({ title: 'Ignored channels', description: 'Messages in these channels are never reposted.' }),
  color: colorField().default('#FFAC33').meta({ title: 'Colour', description: 'The colour of the reposted message’s embed.' }),
});

/** A validated Starboard config. */
export type StarboardConfig = z.infer<typeof starboardConfigSchema>;

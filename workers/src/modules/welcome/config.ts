import { z } from 'zod';

const snowflake = z.string().regex(/^\d{15,21}$/, 'must be a Discord id');
const hexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #5865F2');

/**
 * The Welcome module's config: the one source of validation for the API and the dashboard
 * form. `welcomeConfigSchema.parse({})` gives the defaults. Variables in every text:
 * `{user}` (mention), `{user.name}`, `{server}`, `{memberCount}`.
 */
export const welcomeConfigSchema = z.object({
  /** Where the welcome message goes; null = no channel message (DM and autorole still run). */
  channelId: snowflake.nullable().default(null),
  /** `embed` needs a plan whose `embeds` limit is not 0 (premium). */
  messageType: z.enum(['text', 'embed']).default('text').meta({ premiumLimit: 'embeds', premiumOptions: ['embed'] }),
  message: z.string().trim().min(1).max(2000).default('Welcome {user} to **{server}**! You are member #{memberCount}.'),
  embed: z
    .object({
      title: z.string().max(256).default('Welcome!'),
      description: z.string().max(4096).default('{user} just joined **{server}**.'),
      color: hexColor.default('#5865F2'),
      /** Show the member's avatar as the thumbnail. */
      thumbnail: z.boolean().default(true),
      footer: z.string().max(2048).default('Member #{memberCount}'),
    })
    .prefault({})
    .meta({ premiumLimit: 'embeds' }),
  dm: z
    .object({
      enabled: z.boolean().default(false),
      message: z.string().trim().min(1).max(2000).default('Welcome to {server}, {user.name}!'),
    })
    .prefault({}),
  leave: z
    .object({
      enabled: z.boolean().default(false),
      /** null = the welcome channel. */
      channelId: snowflake.nullable().default(null),
      message: z.string().trim().min(1).max(2000).default('**{user.name}** left {server}. We are now {memberCount}.'),
    })
    .prefault({}),
  /** Roles given on join (checked against the bot's highest role when applied). */
  autoroles: z
    .array(snowflake)
    .max(25)
    .default([])
    .refine((ids) => new Set(ids).size === ids.length, 'must not repeat a role'),
});

/** A validated Welcome config. */
export type WelcomeConfig = z.infer<typeof welcomeConfigSchema>;

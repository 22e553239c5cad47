import { z } from 'zod';
import { channelField, colorField, messageField, rolesField } from '../../platform/configFields';

const VARS = 'Variables: {user} (mention), {user.name}, {server}, {memberCount}.';

/**
 * The Welcome module's config: the one source of validation for the API and the dashboard
 * form. `welcomeConfigSchema.parse({})` gives the defaults.
 */
export const welcomeConfigSchema = z.object({
  channelId: channelField()
    .nullable()
    .default(null)
    .meta({ title: 'Welcome channel', description: 'Where the welcome message goes. None: no channel message (the DM and roles still work).' }),
  messageType: z
    .enum(['text', 'embed'])
    .default('text')
    .meta({ title: 'Message style', description: 'A plain message, or an embed (premium plans).', options: { text: 'Plain text', embed: 'Embed' }, premiumLimit: 'embeds', premiumOptions: ['embed'] }),
  message: messageField()
    .default('Welcome {user} to **{server}**! You are member #{memberCount}.')
    .meta({ title: 'Welcome message', description: `Markdown works. ${VARS}`, showIf: { messageType: 'text' } }),
  embed: z
    .object({
      title: z.string().max(256).default('Welcome!').meta({ title: 'Title', description: `Bold line at the top. ${VARS}` }),
      description: z
        .string()
        .max(4096)
        .default('{user} just joined **{server}**.')
        .meta({ title: 'Text', description: `Body of the embed. ${VARS}`, widget: 'message' }),
      color: colorField().default('#5865F2').meta({ title: 'Colour', description: 'The bar on the embed’s left side.' }),
      thumbnail: z.boolean().default(true).meta({ title: 'Show avatar', description: 'The member’s avatar as the thumbnail.' }),
      footer: z.string().max(2048).default('Member #{memberCount}').meta({ title: 'Footer', description: `Small text at the bottom. ${VARS}` }),
    })
    .prefault({})
    .meta({ title: 'Embed', description: 'How the welcome embed looks.', showIf: { messageType: 'embed' }, premiumLimit: 'embeds' }),
  dm: z
    .object({
      enabled: z.boolean().default(false).meta({ title: 'Send a direct message', description: 'Members who block DMs from servers do not get it.' }),
      message: messageField()
        .default('Welcome to {server}, {user.name}!')
        .meta({ title: 'Direct message', description: VARS, showIf: { enabled: true } }),
    })
    .prefault({})
    .meta({ title: 'Direct message', description: 'A private message to each new member.' }),
  leave: z
    .object({
      enabled: z.boolean().default(false).meta({ title: 'Announce leaves', description: 'Post a message when a member leaves.' }),
      channelId: channelField()
        .nullable()
        .default(null)
        .meta({ title: 'Leave channel', description: 'None: the welcome channel.', showIf: { enabled: true } }),
      message: messageField()
        .default('**{user.name}** left {server}. We are now {memberCount}.')
        .meta({ title: 'Leave message', description: VARS, showIf: { enabled: true } }),
    })
    .prefault({})
    .meta({ title: 'Leave message', description: 'What is posted when a member leaves.' }),
  autoroles: rolesField(25)
    .default([])
    .meta({ title: 'Roles given on join', description: 'Given to every new member; the bot’s highest role must be above them.' }),
});

/** A validated Welcome config. */
export type WelcomeConfig = z.infer<typeof welcomeConfigSchema>;

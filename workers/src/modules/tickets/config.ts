import { z } from 'zod';
import { channelField, emojiField, rolesField } from '../../platform/configFields';

/** One question of a category's form (a modal field). */
export const questionSchema = z.object({
  label: z.string().trim().min(1).max(45).meta({ title: 'Question', description: 'Shown above the field (up to 45 characters, Discord’s limit).' }),
  long: z.boolean().default(false).meta({ title: 'Long answer', description: 'A paragraph instead of one line.' }),
  required: z.boolean().default(true).meta({ title: 'Required', description: 'The ticket cannot be opened without it.' }),
});

/** A kind of ticket: a button on the panel, its staff and its form. */
export const categorySchema = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,16}$/, 'must be 1–16 lowercase letters, digits or dashes').meta({ title: 'Category id', description: 'A short name, also the start of the ticket channels’ names (support-12).' }),
  label: z.string().trim().min(1).max(80).meta({ title: 'Button label', description: 'E.g. “Support”, “Report a member”, “Appeal”.' }),
  emoji: emojiField().nullable().default(null).meta({ title: 'Emoji', description: 'Shown on the button. None: no emoji.' }),
  staffRoles: rolesField(10).default([]).meta({ title: 'Staff roles', description: 'Roles that see and answer these tickets (members with Manage Channels always can).' }),
  questions: z.array(questionSchema).max(5).default([]).meta({ title: 'Form', description: 'Up to 5 questions asked before the ticket opens. None: it opens at once.' }),
});

/** The Tickets module's config. `ticketsConfigSchema.parse({})` gives the defaults. */
export const ticketsConfigSchema = z.object({
  categories: z.array(categorySchema).max(5).default([{ id: 'support', label: 'Support', emoji: null, staffRoles: [], questions: [{ label: 'How can we help?', long: true, required: true }] }])
    .refine((c) => new Set(c.map((x) => x.id)).size === c.length, 'two categories have the same id')
    .meta({ title: 'Categories', description: 'One button each on the panel (Free plan: 2).' }),
  panelTitle: z.string().trim().min(1).max(256).default('Need help?').meta({ title: 'Panel title', description: 'The heading of the panel message.' }),
  panelText: z.string().trim().max(2000).default('Open a ticket with a button below: only you and the staff will see it.').meta({ title: 'Panel text', description: 'Shown under the title.', widget: 'message' }),
  parentCategoryId: channelField().nullable().default(null).meta({ title: 'Channel category', description: 'The Discord category ticket channels are created in. None: at the top.' }),
  logChannelId: channelField().nullable().default(null).meta({ title: 'Log channel', description: 'Where closed tickets are logged with their transcript. None: not logged.' }),
  dmTranscript: z.boolean().default(true).meta({ title: 'Send the transcript to the member', description: 'By direct message when their ticket closes.' }),
  maxOpenPerMember: z.number().int().min(1).max(10).default(2).meta({ title: 'Open tickets per member', description: 'How many tickets a member may have open at once.' }),
});

/** A validated Tickets config. */
export type TicketsConfig = z.infer<typeof ticketsConfigSchema>;
export type TicketCategory = z.infer<typeof categorySchema>;

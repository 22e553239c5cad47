import { z } from 'zod';
import { channelField, colorField, durationField, roleField } from '../../configFields';

/** The throwaway module's config: a bit of every kind of field the form generator knows. */
export const throwawayConfigSchema = z.object({
  channelId: channelField().nullable().default(null).meta({ title: 'Reminder channel', description: 'Where delayed reminders are posted.' }),
  greeting: z.string().min(1).max(100).default('Hello').meta({ title: 'Greeting', description: 'Said by the route and the reminders.' }),
  delay: durationField(1, 86_400).default(60).meta({ title: 'Reminder delay', description: 'How long /throwaway waits.' }),
  loud: z.boolean().default(false).meta({ title: 'Loud', description: 'Shout the greeting.' }),
  accent: colorField().default('#FF8800').meta({ title: 'Accent colour', description: 'Shown when loud.', showIf: { loud: true } }),
  rules: z
    .array(
      z.object({
        word: z.string().min(1).max(30).meta({ title: 'Word', description: 'A word to watch.' }),
        roleId: roleField().nullable().default(null).meta({ title: 'Role', description: 'Given when the word is said.' }),
      }),
    )
    .max(5)
    .default([])
    .meta({ title: 'Rules', description: 'Words and the roles they give.' }),
});

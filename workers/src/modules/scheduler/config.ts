import { z } from 'zod';
import { channelField, colorField } from '../../platform/configFields';
import { CronError, isTimeZone, parseCron } from './cron';

const LOCAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

/** One scheduled post: once at a local date and time, or recurring on a cron-like schedule. */
export const scheduledPostSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]{1,24}$/, 'must be 1–24 lowercase letters, digits or dashes').meta({ title: 'Post id', description: 'A short name for this post, e.g. “monday-news” (kept when it is edited).' }),
    enabled: z.boolean().default(true).meta({ title: 'Active', description: 'Off: kept but not posted.' }),
    channelId: channelField().meta({ title: 'Channel', description: 'Where it is posted.' }),
    repeat: z.enum(['once', 'cron']).default('cron').meta({ title: 'When', description: 'Once at a date and time, or on a recurring schedule.', options: { once: 'Once', cron: 'Recurring' } }),
    at: z.string().regex(LOCAL_TIME, 'must be a date and time like 2026-12-24T18:00').default('2030-01-01T09:00').meta({ title: 'Date and time', description: 'In the server’s time zone (YYYY-MM-DDTHH:MM).', showIf: { repeat: 'once' } }),
    cron: z.string().trim().default('0 9 * * 1-5').meta({ title: 'Schedule', description: 'Minute hour day-of-month month day-of-week, in the server’s time zone: “0 9 * * 1-5” is every weekday at 09:00, “30 18 * * 5” Fridays at 18:30, “0 12 1 * *” the 1st of each month at noon.', showIf: { repeat: 'cron' } }),
    content: z.string().max(2000).default('').meta({ title: 'Message', description: 'The text posted (may be empty when the embed has text).', widget: 'message' }),
    embedTitle: z.string().max(256).default('').meta({ title: 'Embed title', description: 'Empty: no embed unless it has a description.' }),
    embedDescription: z.string().max(4000).default('').meta({ title: 'Embed text', description: 'The embed’s body.', widget: 'message' }),
    embedColor: colorField().default('#5865F2').meta({ title: 'Embed colour', description: 'The bar on the embed’s left.' }),
  })
  .superRefine((p, ctx) => {
    if (!p.content.trim() && !p.embedTitle.trim() && !p.embedDescription.trim()) ctx.addIssue({ code: 'custom', path: ['content'], message: 'give a message or an embed' });
    if (p.repeat === 'cron') {
      try {
        parseCron(p.cron);
      } catch (e) {
        if (e instanceof CronError) ctx.addIssue({ code: 'custom', path: ['cron'], message: e.message });
        else throw e;
      }
    }
  });

/** The Scheduler module's config. `schedulerConfigSchema.parse({})` gives the defaults. */
export const schedulerConfigSchema = z.object({
  timezone: z
    .string()
    .default('UTC')
    .refine(isTimeZone, 'not a time zone (use a name like Europe/Paris or America/New_York)')
    .meta({ title: 'Time zone', description: 'Scheduled posts follow this zone’s clock, daylight saving included (e.g. Europe/Paris).' }),
  remindersEnabled: z.boolean().default(true).meta({ title: 'Reminders', description: 'Members may set reminders with /remind.' }),
  maxRemindersPerMember: z.number().int().min(1).max(50).default(10).meta({ title: 'Reminders per member', description: 'Pending reminders a member may have at once.' }),
  posts: z
    .array(scheduledPostSchema)
    .max(50)
    .default([])
    .refine((p) => new Set(p.map((x) => x.id)).size === p.length, 'two posts have the same id')
    .meta({ title: 'Scheduled posts', description: 'Messages posted at a time or on a schedule (Free plan: 3).' }),
});

/** A validated Scheduler config. */
export type SchedulerConfig = z.infer<typeof schedulerConfigSchema>;
/** One scheduled post. */
export type ScheduledPost = z.infer<typeof scheduledPostSchema>;

import { index, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Side effects of event processing already performed (or in flight), one row per
 * (event, effect): the claim taken before a Discord call, so a re-processed event (retry,
 * cron sweep, re-sent batch) never sends the same welcome twice.
 */
export const moduleEffects = pgTable(
  'module_effects',
  {
    eventId: text('event_id').notNull(),
    effectKey: text('effect_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.effectKey] }), index('module_effects_created_idx').on(t.createdAt)],
);

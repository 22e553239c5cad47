import { index, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Dashboard access a guild grants to a user beyond Discord's own permissions:
 * `view` (read only), `edit` (module config), `manage` (also grants access to others).
 */
export const dashboardAccess = pgTable(
  'dashboard_access',
  {
    guildId: text('guild_id').notNull(),
    userId: text('user_id').notNull(),
    level: text('level', { enum: ['view', 'edit', 'manage'] }).notNull(),
    grantedBy: text('granted_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.guildId, t.userId] }), index('dashboard_access_user_idx').on(t.userId)],
);

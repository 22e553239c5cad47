import { pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The guild commands Custom commands registered on Discord, one row per (guild, name): the id
 * to delete it by and a hash of the body sent, so a save re-registers only what changed (a
 * Worker invocation has 50 subrequests).
 */
export const customCommandRegistrations = pgTable(
  'custom_command_registrations',
  {
    guildId: text('guild_id').notNull(),
    name: text('name').notNull(),
    commandId: text('command_id').notNull(),
    bodyHash: text('body_hash').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.guildId, t.name] })],
);

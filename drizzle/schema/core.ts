import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  index,
  inet,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/** Discord snowflakes are kept as text: they overflow JS numbers and are never summed. */
const snowflake = (name: string) => text(name);
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/** Guilds the bot is or was in. `leftAt` set means the bot left; rows are kept for history. */
export const guilds = pgTable('guilds', {
  id: snowflake('id').primaryKey(),
  name: text('name').notNull(),
  icon: text('icon'),
  ownerId: snowflake('owner_id'),
  memberCount: integer('member_count').notNull().default(0),
  plan: text('plan', { enum: ['free', 'premium', 'max'] }).notNull().default('free'),
  joinedAt: timestamp('joined_at', { withTimezone: true }).notNull().defaultNow(),
  leftAt: timestamp('left_at', { withTimezone: true }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Dashboard users (Discord accounts that logged in). Discord tokens are AES-GCM encrypted. */
export const users = pgTable('users', {
  id: snowflake('id').primaryKey(),
  username: text('username').notNull(),
  globalName: text('global_name'),
  avatar: text('avatar'),
  accessTokenEnc: text('access_token_enc'),
  refreshTokenEnc: text('refresh_token_enc'),
  tokenExpiresAt: timestamp('token_expires_at', { withTimezone: true }),
  createdAt: createdAt(),
  lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
});

/**
 * Refresh-token sessions (seed 004): only the SHA-256 of the opaque token is stored; every
 * rotation creates a row in the same family, and reuse of a spent token revokes the family.
 */
export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: snowflake('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    refreshTokenHash: text('refresh_token_hash').notNull(),
    familyId: uuid('family_id').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    replacedBy: uuid('replaced_by'),
    userAgent: text('user_agent'),
    ip: inet('ip'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('sessions_refresh_token_hash_uq').on(t.refreshTokenHash),
    index('sessions_family_idx').on(t.familyId),
    index('sessions_user_idx').on(t.userId),
  ],
);

/** One row per (guild, module): whether it is on and its config (validated by the module's zod schema). */
export const guildModules = pgTable(
  'guild_modules',
  {
    guildId: snowflake('guild_id').notNull().references(() => guilds.id, { onDelete: 'cascade' }),
    moduleId: text('module_id').notNull(),
    enabled: boolean('enabled').notNull().default(false),
    config: jsonb('config').notNull().default(sql`'{}'::jsonb`),
    enabledAt: timestamp('enabled_at', { withTimezone: true }),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(0),
  },
  (t) => [uniqueIndex('guild_modules_pk').on(t.guildId, t.moduleId)],
);

/** Every change of a module's state or config, with before and after, for diff and rollback. */
export const configRevisions = pgTable(
  'config_revisions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    guildId: snowflake('guild_id').notNull(),
    moduleId: text('module_id').notNull(),
    actorId: snowflake('actor_id'),
    before: jsonb('before'),
    after: jsonb('after').notNull(),
    reason: text('reason'),
    createdAt: createdAt(),
  },
  (t) => [index('config_revisions_guild_idx').on(t.guildId, t.moduleId, t.createdAt)],
);

/** Who did what from the dashboard, when (module changes, member actions, channel and role edits). */
export const dashboardAuditLog = pgTable(
  'dashboard_audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    guildId: snowflake('guild_id').notNull(),
    actorId: snowflake('actor_id'),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    details: jsonb('details'),
    requestId: text('request_id'),
    createdAt: createdAt(),
  },
  (t) => [index('dashboard_audit_log_guild_idx').on(t.guildId, t.createdAt)],
);

/**
 * Gateway events received from the shard, as the event path stored them before the
 * EventInbox (which keeps them in its own SQLite now): nothing on the ingest path writes this
 * table any more. Kept so existing deployments migrate without loss.
 */
export const events = pgTable(
  'events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    eventId: text('event_id').notNull(),
    batchId: text('batch_id'),
    guildId: snowflake('guild_id'),
    type: text('type').notNull(),
    payload: jsonb('payload').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp('processed_at', { withTimezone: true }),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
  },
  (t) => [
    uniqueIndex('events_event_id_uq').on(t.eventId),
    index('events_unprocessed_idx').on(t.receivedAt).where(sql`${t.processedAt} is null`),
    index('events_guild_type_idx').on(t.guildId, t.type, t.receivedAt),
  ],
);

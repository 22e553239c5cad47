import { z } from 'zod';

import { Snowflake } from '@edge/shared/snowflake';

export { Snowflake };

/** `:guildId` */
export const GuildParams = z.object({ guildId: Snowflake });
/** `:guildId/:userId` */
export const GuildUserParams = GuildParams.extend({ userId: Snowflake });
/** `:guildId/:channelId` */
export const GuildChannelParams = GuildParams.extend({ channelId: Snowflake });
/** `:guildId/:roleId` */
export const GuildRoleParams = GuildParams.extend({ roleId: Snowflake });

/** Optional audit-log reason (shown in Discord's audit log too). */
export const Reason = z.object({ reason: z.string().trim().min(1).max(512).optional() }).strict();

/** A permission bitfield as a decimal string (Discord's format; it overflows JS numbers). */
export const Bitfield = z.string().regex(/^\d{1,20}$/, 'must be a permission bitfield as a decimal string');

/** A member as the dashboard shows it. */
export const Member = z.object({
  id: z.string(),
  username: z.string(),
  globalName: z.string().nullable(),
  nick: z.string().nullable(),
  avatar: z.string().nullable(),
  bot: z.boolean(),
  roles: z.array(z.string()),
  joinedAt: z.string().nullable(),
  timeoutUntil: z.string().nullable(),
});

/** A channel as the dashboard shows it. */
export const Channel = z.object({
  id: z.string(),
  name: z.string(),
  type: z.number(),
  position: z.number(),
  parentId: z.string().nullable(),
  topic: z.string().nullable(),
  nsfw: z.boolean(),
  rateLimitPerUser: z.number(),
  permissionOverwrites: z.array(z.object({ id: z.string(), type: z.number(), allow: z.string(), deny: z.string() })),
});

/** A role as the dashboard shows it. */
export const Role = z.object({
  id: z.string(),
  name: z.string(),
  color: z.number(),
  hoist: z.boolean(),
  mentionable: z.boolean(),
  managed: z.boolean(),
  permissions: z.string(),
  position: z.number(),
});

/** Empty 204 responses. */
export const NoContent = z.null();

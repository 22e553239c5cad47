import { PermissionFlagsBits, Routes, type APIGuild } from 'discord-api-types/v10';
import { z } from 'zod';
import { audit } from '../audit';
import { coreApi, coreRoute, jsonAnswer, jsonBody, requirePermission } from '../coreRoute';
import { deps } from '../deps';
import { discordCall } from '../discord/botRest';
import { guildData } from '../discord/guildData';
import { discordCache } from '../../lib/discordCache';
import { HttpError } from '../../errors';
import { GuildParams, Snowflake } from '../schemas';

/** Images Discord takes for an icon or banner: a data URI of PNG, JPEG, GIF or WebP, at most 10 MiB. */
const ImageData = z
  .string()
  .regex(/^data:image\/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/]+=*$/, 'must be a PNG, JPEG, GIF or WebP image (data URI)')
  .max(Math.ceil((10 * 1024 * 1024 * 4) / 3) + 32, 'must be at most 10 MB');

/** Server settings as the dashboard edits them (Discord's guild fields, camelCased). */
export const GuildSettings = z.object({
  name: z.string().trim().min(2, 'At least 2 characters').max(100, 'At most 100 characters'),
  icon: z.string().nullable(),
  banner: z.string().nullable(),
  /** 0 none · 1 low (verified email) · 2 medium (+5 min on Discord) · 3 high (+10 min member) · 4 very high (phone). */
  verificationLevel: z.number().int().min(0).max(4),
  /** 0 all messages · 1 only mentions. */
  defaultNotifications: z.number().int().min(0).max(1),
  /** 0 off · 1 members without roles · 2 everyone. */
  explicitContentFilter: z.number().int().min(0).max(2),
  systemChannelId: Snowflake.nullable(),
  /** Banners need boost level 2 on Discord. */
  premiumTier: z.number(),
});

const SettingsPatch = z
  .object({
    name: GuildSettings.shape.name.optional(),
    icon: ImageData.nullable().optional(),
    banner: ImageData.nullable().optional(),
    verificationLevel: GuildSettings.shape.verificationLevel.optional(),
    defaultNotifications: GuildSettings.shape.defaultNotifications.optional(),
    explicitContentFilter: GuildSettings.shape.explicitContentFilter.optional(),
    systemChannelId: Snowflake.nullable().optional(),
    reason: z.string().trim().min(1).max(512).optional(),
  })
  .strict();

const toSettings = (g: APIGuild): z.infer<typeof GuildSettings> => ({
  name: g.name,
  icon: g.icon ?? null,
  banner: g.banner ?? null,
  verificationLevel: g.verification_level,
  defaultNotifications: g.default_message_notifications,
  explicitContentFilter: g.explicit_content_filter,
  systemChannelId: g.system_channel_id ?? null,
  premiumTier: g.premium_tier,
});

const read = coreRoute({
  method: 'get',
  path: '/guilds/{guildId}/settings',
  tags: ['guild'],
  summary: 'Server settings: name, icon, banner, verification level, default notifications, explicit content filter, system channel',
  requires: 'view',
  request: { params: GuildParams },
  responses: jsonAnswer(GuildSettings),
});

const change = coreRoute({
  method: 'patch',
  path: '/guilds/{guildId}/settings',
  tags: ['guild'],
  summary: 'Change server settings (only the fields sent)',
  requires: 'admin',
  permission: PermissionFlagsBits.ManageGuild,
  request: { params: GuildParams, body: jsonBody(SettingsPatch) },
  responses: jsonAnswer(GuildSettings),
});

/** The server's own settings (GET/PATCH /guilds/{id} on Discord), audited. */
export const guildSettingsRoutes = coreApi()
  .openapi(read, async (c) => {
    return c.json(toSettings(await guildData.guild(deps(c))), 200);
  })
  .openapi(change, async (c) => {
    await requirePermission(c, change);
    const params = c.req.valid('param');
    const body = c.req.valid('json');
    const d = deps(c);
    if (body.systemChannelId) {
      const ch = await guildData.channel(d, body.systemChannelId);
      if (ch.type !== 0) throw new HttpError(400, 'The system channel must be a text channel', { code: 'ValidationError', details: { issues: [{ path: 'systemChannelId', message: 'Pick a text channel' }] } });
    }
    const patch: Record<string, unknown> = {
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.icon !== undefined ? { icon: body.icon } : {}),
      ...(body.banner !== undefined ? { banner: body.banner } : {}),
      ...(body.verificationLevel !== undefined ? { verification_level: body.verificationLevel } : {}),
      ...(body.defaultNotifications !== undefined ? { default_message_notifications: body.defaultNotifications } : {}),
      ...(body.explicitContentFilter !== undefined ? { explicit_content_filter: body.explicitContentFilter } : {}),
      ...(body.systemChannelId !== undefined ? { system_channel_id: body.systemChannelId } : {}),
    };
    if (!Object.keys(patch).length) throw new HttpError(400, 'Nothing to change', { code: 'ValidationError' });
    const g = await discordCall<APIGuild>(() => d.rest.patch(Routes.guild(params.guildId), { body: patch, reason: body.reason }));
    await discordCache.forget(d.redis, params.guildId, 'guild');
    // Images are logged as "changed", not as their data.
    const details = Object.fromEntries(Object.entries(patch).map(([k, v]) => [k, k === 'icon' || k === 'banner' ? (v === null ? 'removed' : 'changed') : v]));
    await audit(c, params.guildId, { action: 'guild.update', targetType: 'guild', targetId: params.guildId, details });
    return c.json(toSettings(g), 200);
  });

import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import { z } from 'zod';
import { ChannelType, PermissionFlagsBits as P } from 'discord-api-types/v10';
import type { RestEnv } from '../types.js';
import { auditOf, callerMember, requirePerms } from '../access.js';
import { parseBody, queryInt, querySnowflake } from '../parseBody.js';
import { channelCreateSchema, defined } from '../schemas.js';
import { invalidFormBody } from '../discordError.js';
import { guildPayload, userPayload, type ChannelInput } from '../../state/index.js';

const guildPatch = z.object({
  name: z.string().min(2).max(100).optional(),
  description: z.string().max(120).nullish(),
  system_channel_id: z.string().nullish(),
  rules_channel_id: z.string().nullish(),
  afk_channel_id: z.string().nullish(),
  afk_timeout: z.number().int().optional(),
  verification_level: z.number().int().min(0).max(4).optional(),
  default_message_notifications: z.number().int().min(0).max(1).optional(),
  explicit_content_filter: z.number().int().min(0).max(2).optional(),
  preferred_locale: z.string().optional(),
  // Image data (https://discord.com/developers/docs/reference#image-data): stored as its hash, as Discord does.
  icon: z.string().regex(/^data:image\/(png|jpeg|gif|webp);base64,/, 'Invalid image data').nullish(),
  banner: z.string().regex(/^data:image\/(png|jpeg|gif|webp);base64,/, 'Invalid image data').nullish(),
});

/** An image hash for image data, as Discord returns it (`a_` prefix for animated GIFs). */
const imageHash = (data: string | null | undefined) =>
  data === undefined ? undefined : data === null ? null : `${data.startsWith('data:image/gif') ? 'a_' : ''}${createHash('md5').update(data).digest('hex')}`;

/** `/guilds/{id}`, its channels and its audit log. */
export const guilds = new Hono<RestEnv>()
  .get('/:guildId', (c) => {
    const { state } = c.get('sim');
    const g = state.guild(c.req.param('guildId'));
    callerMember(c, g.id);
    const counts = c.req.query('with_counts') === 'true' ? { approximate_member_count: Object.keys(g.members).length, approximate_presence_count: 0 } : {};
    return c.json({ ...guildPayload(g), ...counts });
  })
  .patch('/:guildId', async (c) => {
    const guildId = c.req.param('guildId');
    requirePerms(c, guildId, P.ManageGuild);
    const { icon, banner, ...rest } = await parseBody(c, guildPatch);
    const g = c.get('sim').state.guilds.update(guildId, { ...rest, icon: imageHash(icon), banner: imageHash(banner) }, auditOf(c));
    return c.json(guildPayload(g));
  })
  .get('/:guildId/channels', (c) => {
    const { state } = c.get('sim');
    const guildId = c.req.param('guildId');
    callerMember(c, guildId);
    const list = Object.values(state.data.channels).filter(
      (ch) => 'guild_id' in ch && ch.guild_id === guildId && ![ChannelType.PublicThread, ChannelType.PrivateThread, ChannelType.AnnouncementThread].includes(ch.type),
    );
    return c.json(list);
  })
  .post('/:guildId/channels', async (c) => {
    const guildId = c.req.param('guildId');
    const body = await parseBody(c, channelCreateSchema);
    requirePerms(c, guildId, P.ManageChannels | (body.permission_overwrites?.length ? P.ManageRoles : 0n));
    const { state } = c.get('sim');
    if (body.parent_id) {
      const parent = state.data.channels[body.parent_id];
      if (!parent || parent.type !== ChannelType.GuildCategory || !('guild_id' in parent) || parent.guild_id !== guildId) {
        throw invalidFormBody({ parent_id: 'Category does not exist' }, 'CHANNEL_PARENT_INVALID');
      }
    }
    const allowed = [ChannelType.GuildText, ChannelType.GuildVoice, ChannelType.GuildCategory, ChannelType.GuildAnnouncement, ChannelType.GuildStageVoice, ChannelType.GuildForum, ChannelType.GuildMedia];
    if (!allowed.includes(body.type)) throw invalidFormBody({ type: `Value must be one of ${allowed.join(', ')}.` }, 'BASE_TYPE_CHOICES');
    const ch = state.channels.create(guildId, defined(body) as unknown as ChannelInput, auditOf(c));
    return c.json(ch, 201);
  })
  .get('/:guildId/audit-logs', (c) => {
    const guildId = c.req.param('guildId');
    requirePerms(c, guildId, P.ViewAuditLog);
    const { state } = c.get('sim');
    const actionType = c.req.query('action_type');
    const entries = state.auditLog.list(guildId, {
      userId: querySnowflake(c, 'user_id'),
      actionType: actionType ? Number(actionType) : undefined,
      before: querySnowflake(c, 'before'),
      after: querySnowflake(c, 'after'),
      limit: queryInt(c, 'limit', 50, 1, 100),
    });
    const userIds = new Set(entries.flatMap((e) => [e.user_id, e.target_id].filter((x): x is string => !!x && !!state.data.users[x])));
    return c.json({
      audit_log_entries: entries,
      users: [...userIds].map((id) => userPayload(state.data, id)),
      integrations: [],
      webhooks: [],
      guild_scheduled_events: [],
      threads: [],
      application_commands: [],
      auto_moderation_rules: [],
    });
  });

import { ChannelType, Routes } from 'discord-api-types/v10';
import { z } from 'zod';
import { actorGuard } from '../actorGuard';
import { audit } from '../audit';
import { route } from '../defineRoute';
import { deps } from '../deps';
import { discordCall } from '../discord/botRest';
import { discordCache } from '../../lib/discordCache';
import { guildData } from '../discord/guildData';
import { toChannel, type AnyGuildChannel } from '../discord/mappers';
import { Bitfield, Channel, GuildChannelParams, GuildParams, Snowflake } from '../schemas';

const CREATABLE = [ChannelType.GuildText, ChannelType.GuildVoice, ChannelType.GuildCategory, ChannelType.GuildAnnouncement, ChannelType.GuildStageVoice, ChannelType.GuildForum] as const;
const Name = z.string().trim().min(1).max(100);
const Topic = z.string().max(1024).nullable();
const Slowmode = z.number().int().min(0).max(21_600);

const CreateChannel = z
  .object({ name: Name, type: z.union(CREATABLE.map((t) => z.literal(t))).default(ChannelType.GuildText), topic: Topic.optional(), nsfw: z.boolean().optional(), rateLimitPerUser: Slowmode.optional(), parentId: Snowflake.nullable().optional() })
  .strict();
const ModifyChannel = z
  .object({ name: Name.optional(), topic: Topic.optional(), nsfw: z.boolean().optional(), rateLimitPerUser: Slowmode.optional(), parentId: Snowflake.nullable().optional() })
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'nothing to change');
const Overwrite = z.object({ type: z.enum(['role', 'member']), allow: Bitfield.default('0'), deny: Bitfield.default('0') }).strict();
const OverwriteParams = GuildChannelParams.extend({ overwriteId: Snowflake });

const toDiscord = (b: z.infer<typeof ModifyChannel>) => ({
  ...(b.name !== undefined && { name: b.name }),
  ...(b.topic !== undefined && { topic: b.topic }),
  ...(b.nsfw !== undefined && { nsfw: b.nsfw }),
  ...(b.rateLimitPerUser !== undefined && { rate_limit_per_user: b.rateLimitPerUser }),
  ...(b.parentId !== undefined && { parent_id: b.parentId }),
});

/** Channels: list grouped by category, create, modify, delete, clone, permission overwrites. Writes are audited. */
export const channelRoutes = [
  route({
    method: 'get',
    path: '/guilds/:guildId/channels',
    tag: 'channels',
    summary: 'Channels grouped by category, in Discord order',
    requires: 'view',
    params: GuildParams,
    response: z.object({ categories: z.array(z.object({ category: Channel, channels: z.array(Channel) })), uncategorized: z.array(Channel) }),
    handler: async (c) => {
      const all = (await guildData.channels(deps(c))).map(toChannel).sort((a, b) => a.position - b.position || a.id.localeCompare(b.id));
      const categories = all.filter((ch) => ch.type === ChannelType.GuildCategory).map((category) => ({ category, channels: all.filter((ch) => ch.parentId === category.id) }));
      const known = new Set(categories.map((g) => g.category.id));
      const uncategorized = all.filter((ch) => ch.type !== ChannelType.GuildCategory && (!ch.parentId || !known.has(ch.parentId)));
      return c.json({ categories, uncategorized });
    },
  }),
  route({
    method: 'post',
    path: '/guilds/:guildId/channels',
    tag: 'channels',
    summary: 'Create a channel',
    requires: 'admin',
    params: GuildParams,
    body: CreateChannel,
    response: Channel,
    status: 201,
    handler: async (c, { params, body }) => {
      const d = deps(c);
      if (body.parentId) await guildData.channel(d, body.parentId);
      const created = await discordCall<AnyGuildChannel>(() => d.rest.post(Routes.guildChannels(params.guildId), { body: { type: body.type, ...toDiscord(body) } }));
      await discordCache.forget(d.redis, params.guildId, 'channels');
      await audit(c, params.guildId, { action: 'channel.create', targetType: 'channel', targetId: created.id, details: { name: body.name, type: body.type } });
      return c.json(toChannel(created), 201);
    },
  }),
  route({
    method: 'patch',
    path: '/guilds/:guildId/channels/:channelId',
    tag: 'channels',
    summary: 'Modify a channel (name, topic, nsfw, slowmode, category)',
    requires: 'admin',
    params: GuildChannelParams,
    body: ModifyChannel,
    response: Channel,
    handler: async (c, { params, body }) => {
      const d = deps(c);
      await guildData.channel(d, params.channelId);
      if (body.parentId) await guildData.channel(d, body.parentId);
      const updated = await discordCall<AnyGuildChannel>(() => d.rest.patch(Routes.channel(params.channelId), { body: toDiscord(body) }));
      await discordCache.forget(d.redis, params.guildId, 'channels');
      await audit(c, params.guildId, { action: 'channel.update', targetType: 'channel', targetId: params.channelId, details: { changes: Object.keys(body) } });
      return c.json(toChannel(updated));
    },
  }),
  route({
    method: 'delete',
    path: '/guilds/:guildId/channels/:channelId',
    tag: 'channels',
    summary: 'Delete a channel',
    requires: 'admin',
    params: GuildChannelParams,
    status: 204,
    handler: async (c, { params }) => {
      const d = deps(c);
      const ch = await guildData.channel(d, params.channelId);
      await discordCall(() => d.rest.delete(Routes.channel(params.channelId)));
      await discordCache.forget(d.redis, params.guildId, 'channels');
      await audit(c, params.guildId, { action: 'channel.delete', targetType: 'channel', targetId: params.channelId, details: { name: ch.name } });
      return c.body(null, 204);
    },
  }),
  route({
    method: 'post',
    path: '/guilds/:guildId/channels/:channelId/clone',
    tag: 'channels',
    summary: 'Clone a channel (settings and permission overwrites)',
    requires: 'admin',
    params: GuildChannelParams,
    body: z.object({ name: Name.optional() }).strict().optional(),
    response: Channel,
    status: 201,
    handler: async (c, { params, body }) => {
      const d = deps(c);
      const src = toChannel(await guildData.channel(d, params.channelId));
      const created = await discordCall<AnyGuildChannel>(() =>
        d.rest.post(Routes.guildChannels(params.guildId), {
          body: {
            name: body?.name ?? src.name,
            type: src.type,
            topic: src.topic,
            nsfw: src.nsfw,
            rate_limit_per_user: src.rateLimitPerUser,
            parent_id: src.parentId,
            position: src.position + 1,
            permission_overwrites: src.permissionOverwrites,
          },
        }),
      );
      await discordCache.forget(d.redis, params.guildId, 'channels');
      await audit(c, params.guildId, { action: 'channel.clone', targetType: 'channel', targetId: created.id, details: { from: params.channelId } });
      return c.json(toChannel(created), 201);
    },
  }),
  route({
    method: 'put',
    path: '/guilds/:guildId/channels/:channelId/permissions/:overwriteId',
    tag: 'channels',
    summary: 'Set a permission overwrite for a role or member',
    requires: 'admin',
    params: OverwriteParams,
    body: Overwrite,
    status: 204,
    handler: async (c, { params, body }) => {
      const d = deps(c);
      await guildData.channel(d, params.channelId);
      (await actorGuard(c)).permissions(body.allow);
      await discordCall(() =>
        d.rest.put(Routes.channelPermission(params.channelId, params.overwriteId), { body: { type: body.type === 'role' ? 0 : 1, allow: body.allow, deny: body.deny } }),
      );
      await discordCache.forget(d.redis, params.guildId, 'channels');
      await audit(c, params.guildId, { action: 'channel.overwrite_set', targetType: 'channel', targetId: params.channelId, details: { overwriteId: params.overwriteId, ...body } });
      return c.body(null, 204);
    },
  }),
  route({
    method: 'delete',
    path: '/guilds/:guildId/channels/:channelId/permissions/:overwriteId',
    tag: 'channels',
    summary: 'Remove a permission overwrite',
    requires: 'admin',
    params: OverwriteParams,
    status: 204,
    handler: async (c, { params }) => {
      const d = deps(c);
      await guildData.channel(d, params.channelId);
      await discordCall(() => d.rest.delete(Routes.channelPermission(params.channelId, params.overwriteId)));
      await discordCache.forget(d.redis, params.guildId, 'channels');
      await audit(c, params.guildId, { action: 'channel.overwrite_delete', targetType: 'channel', targetId: params.channelId, details: { overwriteId: params.overwriteId } });
      return c.body(null, 204);
    },
  }),
];

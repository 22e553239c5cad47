import { ChannelType, OverwriteType, PermissionFlagsBits as P, Routes } from 'discord-api-types/v10';
import type { Context } from 'hono';
import { z } from 'zod';
import type { AuthEnv } from '../../auth/AuthEnv';
import { HttpError } from '../../errors';
import { actorAuthority } from '../access/actorAuthority';
import { botAuthority } from '../access/botAuthority';
import { audit } from '../audit';
import { coreApi, coreRoute, jsonAnswer, jsonBody, noContent, requirePermission } from '../coreRoute';
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
/** A channel in the list, with whether the bot can see it (View Channel after its roles and the channel's overwrites). */
const ListedChannel = Channel.extend({ botCanView: z.boolean() });

const toDiscord = (b: z.infer<typeof ModifyChannel>) => ({
  ...(b.name !== undefined && { name: b.name }),
  ...(b.topic !== undefined && { topic: b.topic }),
  ...(b.nsfw !== undefined && { nsfw: b.nsfw }),
  ...(b.rateLimitPerUser !== undefined && { rate_limit_per_user: b.rateLimitPerUser }),
  ...(b.parentId !== undefined && { parent_id: b.parentId }),
});

/**
 * The overwrite's target, resolved in THIS guild (a role or member of another guild is 404),
 * then checked against the actor: only roles below their highest, only members they outrank.
 */
async function requireOverwriteTarget(c: Context<AuthEnv>, id: string, type: OverwriteType): Promise<void> {
  const d = deps(c);
  const authority = await actorAuthority(c);
  if (type === OverwriteType.Role) {
    authority.requireOverwriteTarget({ type, role: await guildData.role(d, id) });
  } else {
    const member = await guildData.member(d, id).catch((err: unknown) => {
      if (err instanceof HttpError && err.status === 404) throw new HttpError(404, 'No such member in this server', { code: 'NotFound' });
      throw err;
    });
    authority.requireOverwriteTarget({ type, member: { userId: id, roles: member.roles } });
  }
}

const list = coreRoute({
  method: 'get',
  path: '/guilds/{guildId}/channels',
  tags: ['channels'],
  summary: 'Channels grouped by category, in Discord order',
  requires: 'view',
  request: { params: GuildParams },
  responses: jsonAnswer(z.object({ categories: z.array(z.object({ category: ListedChannel, channels: z.array(ListedChannel) })), uncategorized: z.array(ListedChannel) })),
});

const create = coreRoute({
  method: 'post',
  path: '/guilds/{guildId}/channels',
  tags: ['channels'],
  summary: 'Create a channel',
  requires: 'admin',
  permission: P.ManageChannels,
  request: { params: GuildParams, body: jsonBody(CreateChannel) },
  responses: jsonAnswer(Channel, 201),
});

const modify = coreRoute({
  method: 'patch',
  path: '/guilds/{guildId}/channels/{channelId}',
  tags: ['channels'],
  summary: 'Modify a channel (name, topic, nsfw, slowmode, category)',
  requires: 'admin',
  permission: P.ManageChannels,
  permissionIn: 'channelId',
  request: { params: GuildChannelParams, body: jsonBody(ModifyChannel) },
  responses: jsonAnswer(Channel),
});

const remove = coreRoute({
  method: 'delete',
  path: '/guilds/{guildId}/channels/{channelId}',
  tags: ['channels'],
  summary: 'Delete a channel',
  requires: 'admin',
  permission: P.ManageChannels,
  permissionIn: 'channelId',
  request: { params: GuildChannelParams },
  responses: noContent,
});

const clone = coreRoute({
  method: 'post',
  path: '/guilds/{guildId}/channels/{channelId}/clone',
  tags: ['channels'],
  summary: 'Clone a channel (settings and permission overwrites)',
  requires: 'admin',
  permission: P.ManageChannels,
  permissionIn: 'channelId',
  request: { params: GuildChannelParams, body: jsonBody(z.object({ name: Name.optional() }).strict().optional()) },
  responses: jsonAnswer(Channel, 201),
});

const setOverwrite = coreRoute({
  method: 'put',
  path: '/guilds/{guildId}/channels/{channelId}/permissions/{overwriteId}',
  tags: ['channels'],
  summary: 'Set a permission overwrite for a role or member',
  requires: 'admin',
  permission: P.ManageRoles,
  permissionIn: 'channelId',
  request: { params: OverwriteParams, body: jsonBody(Overwrite) },
  responses: noContent,
});

const removeOverwrite = coreRoute({
  method: 'delete',
  path: '/guilds/{guildId}/channels/{channelId}/permissions/{overwriteId}',
  tags: ['channels'],
  summary: 'Remove a permission overwrite',
  requires: 'admin',
  permission: P.ManageRoles,
  permissionIn: 'channelId',
  request: { params: OverwriteParams },
  responses: noContent,
});

/** Channels: list grouped by category, create, modify, delete, clone, permission overwrites. Writes are audited. */
export const channelRoutes = coreApi()
  .openapi(list, async (c) => {
    const [raw, bot] = await Promise.all([guildData.channels(deps(c)), botAuthority(c)]);
    const all = raw
      .map((ch) => ({ ...toChannel(ch), botCanView: bot.has(P.ViewChannel, ch) }))
      .sort((a, b) => a.position - b.position || a.id.localeCompare(b.id));
    const categories = all.filter((ch) => ch.type === ChannelType.GuildCategory).map((category) => ({ category, channels: all.filter((ch) => ch.parentId === category.id) }));
    const known = new Set(categories.map((g) => g.category.id));
    const uncategorized = all.filter((ch) => ch.type !== ChannelType.GuildCategory && (!ch.parentId || !known.has(ch.parentId)));
    return c.json({ categories, uncategorized }, 200);
  })
  .openapi(create, async (c) => {
    await requirePermission(c, create);
    const params = c.req.valid('param');
    const body = c.req.valid('json');
    const d = deps(c);
    if (body.parentId) (await actorAuthority(c)).require(P.ManageChannels, await guildData.channel(d, body.parentId));
    const created = await discordCall<AnyGuildChannel>(() => d.rest.post(Routes.guildChannels(params.guildId), { body: { type: body.type, ...toDiscord(body) } }));
    await discordCache.forget(d.redis, params.guildId, 'channels');
    await audit(c, params.guildId, { action: 'channel.create', targetType: 'channel', targetId: created.id, details: { name: body.name, type: body.type } });
    return c.json(toChannel(created), 201);
  })
  .openapi(modify, async (c) => {
    await requirePermission(c, modify);
    const params = c.req.valid('param');
    const body = c.req.valid('json');
    const d = deps(c);
    if (body.parentId) (await actorAuthority(c)).require(P.ManageChannels, await guildData.channel(d, body.parentId));
    const updated = await discordCall<AnyGuildChannel>(() => d.rest.patch(Routes.channel(params.channelId), { body: toDiscord(body) }));
    await discordCache.forget(d.redis, params.guildId, 'channels');
    await audit(c, params.guildId, { action: 'channel.update', targetType: 'channel', targetId: params.channelId, details: { changes: Object.keys(body) } });
    return c.json(toChannel(updated), 200);
  })
  .openapi(remove, async (c) => {
    await requirePermission(c, remove);
    const params = c.req.valid('param');
    const d = deps(c);
    const ch = await guildData.channel(d, params.channelId, { fresh: true });
    await discordCall(() => d.rest.delete(Routes.channel(params.channelId)));
    await discordCache.forget(d.redis, params.guildId, 'channels');
    await audit(c, params.guildId, { action: 'channel.delete', targetType: 'channel', targetId: params.channelId, details: { name: ch.name } });
    return c.body(null, 204);
  })
  .openapi(clone, async (c) => {
    await requirePermission(c, clone);
    const params = c.req.valid('param');
    const body = c.req.valid('json');
    const d = deps(c);
    const raw = await guildData.channel(d, params.channelId, { fresh: true });
    const src = toChannel(raw);
    // Copying overwrites is setting them: Manage Roles there, and only bits the actor holds.
    if (src.permissionOverwrites.length > 0) {
      const authority = await actorAuthority(c);
      authority.require(P.ManageRoles, raw);
      authority.requireGrantable(src.permissionOverwrites.reduce((bits, o) => bits | BigInt(o.allow) | BigInt(o.deny), 0n), raw);
    }
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
  })
  .openapi(setOverwrite, async (c) => {
    await requirePermission(c, setOverwrite);
    const params = c.req.valid('param');
    const body = c.req.valid('json');
    const d = deps(c);
    const channel = await guildData.channel(d, params.channelId, { fresh: true });
    const type = body.type === 'role' ? OverwriteType.Role : OverwriteType.Member;
    await requireOverwriteTarget(c, params.overwriteId, type);
    // Discord: an overwrite may allow or deny only what the one setting it holds in that channel.
    const existing = channel.permission_overwrites?.find((o) => o.id === params.overwriteId);
    const changed = (BigInt(body.allow) ^ BigInt(existing?.allow ?? '0')) | (BigInt(body.deny) ^ BigInt(existing?.deny ?? '0'));
    (await actorAuthority(c)).requireGrantable(changed, channel);
    await discordCall(() =>
      d.rest.put(Routes.channelPermission(params.channelId, params.overwriteId), { body: { type: body.type === 'role' ? 0 : 1, allow: body.allow, deny: body.deny } }),
    );
    await discordCache.forget(d.redis, params.guildId, 'channels');
    await audit(c, params.guildId, { action: 'channel.overwrite_set', targetType: 'channel', targetId: params.channelId, details: { overwriteId: params.overwriteId, ...body } });
    return c.body(null, 204);
  })
  .openapi(removeOverwrite, async (c) => {
    await requirePermission(c, removeOverwrite);
    const params = c.req.valid('param');
    const d = deps(c);
    const channel = await guildData.channel(d, params.channelId, { fresh: true });
    const existing = channel.permission_overwrites?.find((o) => o.id === params.overwriteId);
    if (!existing) throw new HttpError(404, 'This channel has no overwrite for that role or member', { code: 'NotFound' });
    await requireOverwriteTarget(c, existing.id, existing.type);
    (await actorAuthority(c)).requireGrantable(BigInt(existing.allow) | BigInt(existing.deny), channel);
    await discordCall(() => d.rest.delete(Routes.channelPermission(params.channelId, params.overwriteId)));
    await discordCache.forget(d.redis, params.guildId, 'channels');
    await audit(c, params.guildId, { action: 'channel.overwrite_delete', targetType: 'channel', targetId: params.channelId, details: { overwriteId: params.overwriteId } });
    return c.body(null, 204);
  });

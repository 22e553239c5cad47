import { PermissionFlagsBits as P, Routes, type APIRole } from 'discord-api-types/v10';
import { z } from 'zod';
import { HttpError } from '../../errors';
import { PermissionError } from '../../permissions';
import { actorAuthority } from '../access/actorAuthority';
import { audit } from '../audit';
import { coreApi, coreRoute, jsonAnswer, jsonBody, noContent, requirePermission } from '../coreRoute';
import { deps } from '../deps';
import { discordCall } from '../discord/botRest';
import { discordCache } from '../../lib/discordCache';
import { guildData } from '../discord/guildData';
import { toRole } from '../discord/mappers';
import { Bitfield, GuildParams, GuildRoleParams, Role, Snowflake } from '../schemas';
import { toHttpError } from '../discord/toHttpError';

const Fields = {
  name: z.string().trim().min(1).max(100),
  color: z.number().int().min(0).max(0xffffff),
  hoist: z.boolean(),
  mentionable: z.boolean(),
  permissions: Bitfield,
};
const CreateRole = z.object({ ...Fields, color: Fields.color.optional(), hoist: Fields.hoist.optional(), mentionable: Fields.mentionable.optional(), permissions: Fields.permissions.optional() }).strict();
const ModifyRole = z
  .object({ name: Fields.name.optional(), color: Fields.color.optional(), hoist: Fields.hoist.optional(), mentionable: Fields.mentionable.optional(), permissions: Fields.permissions.optional(), position: z.number().int().min(1).max(250).optional() })
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'nothing to change');
const Bulk = z.object({ action: z.enum(['add', 'remove']), userIds: z.array(Snowflake).min(1).max(25) }).strict();

const list = coreRoute({
  method: 'get',
  path: '/guilds/{guildId}/roles',
  tags: ['roles'],
  summary: 'Roles, highest first',
  requires: 'view',
  request: { params: GuildParams },
  responses: jsonAnswer(z.object({ roles: z.array(Role) })),
});

const create = coreRoute({
  method: 'post',
  path: '/guilds/{guildId}/roles',
  tags: ['roles'],
  summary: 'Create a role',
  requires: 'admin',
  permission: P.ManageRoles,
  request: { params: GuildParams, body: jsonBody(CreateRole) },
  responses: jsonAnswer(Role, 201),
});

const modify = coreRoute({
  method: 'patch',
  path: '/guilds/{guildId}/roles/{roleId}',
  tags: ['roles'],
  summary: 'Modify a role (name, colour, hoist, mentionable, permissions, position)',
  requires: 'admin',
  permission: P.ManageRoles,
  request: { params: GuildRoleParams, body: jsonBody(ModifyRole) },
  responses: jsonAnswer(Role),
});

const remove = coreRoute({
  method: 'delete',
  path: '/guilds/{guildId}/roles/{roleId}',
  tags: ['roles'],
  summary: 'Delete a role',
  requires: 'admin',
  permission: P.ManageRoles,
  request: { params: GuildRoleParams },
  responses: noContent,
});

const bulk = coreRoute({
  method: 'post',
  path: '/guilds/{guildId}/roles/{roleId}/members',
  tags: ['roles'],
  summary: 'Give or take a role to/from up to 25 members at once (stops at a Discord rate limit)',
  requires: 'admin',
  permission: P.ManageRoles,
  request: { params: GuildRoleParams, body: jsonBody(Bulk) },
  responses: jsonAnswer(z.object({ results: z.array(z.object({ userId: z.string(), ok: z.boolean(), error: z.string().optional() })) })),
});

/** Roles: list, create, modify (incl. position), delete, bulk assignment. Writes are audited. */
export const roleRoutes = coreApi()
  .openapi(list, async (c) => {
    return c.json({ roles: (await guildData.roles(deps(c))).map(toRole).sort((a, b) => b.position - a.position) }, 200);
  })
  .openapi(create, async (c) => {
    await requirePermission(c, create);
    const params = c.req.valid('param');
    const body = c.req.valid('json');
    const d = deps(c);
    (await actorAuthority(c)).requireGrantable(BigInt(body.permissions ?? '0'));
    const created = await discordCall<APIRole>(() => d.rest.post(Routes.guildRoles(params.guildId), { body }));
    await discordCache.forget(d.redis, params.guildId, 'roles');
    await audit(c, params.guildId, { action: 'role.create', targetType: 'role', targetId: created.id, details: { ...body } });
    return c.json(toRole(created), 201);
  })
  .openapi(modify, async (c) => {
    await requirePermission(c, modify);
    const params = c.req.valid('param');
    const body = c.req.valid('json');
    const d = deps(c);
    const authority = await actorAuthority(c);
    const role = await guildData.role(d, params.roleId);
    if (role.id !== params.guildId) authority.requireAboveRole(role);
    // Only the bits that change must be the actor's: a role may keep a permission they lack.
    if (body.permissions !== undefined) authority.requireGrantable(BigInt(body.permissions) ^ BigInt(role.permissions));
    const { position, ...fields } = body;
    if (position !== undefined) {
      if (position >= authority.topPosition) throw PermissionError.hierarchy('You cannot move a role to or above your highest role');
      await discordCall(() => d.rest.patch(Routes.guildRoles(params.guildId), { body: [{ id: params.roleId, position }] }));
    }
    let updated: APIRole;
    if (Object.keys(fields).length > 0) updated = await discordCall<APIRole>(() => d.rest.patch(Routes.guildRole(params.guildId, params.roleId), { body: fields }));
    else {
      await discordCache.forget(d.redis, params.guildId, 'roles');
      updated = await guildData.role(d, params.roleId);
    }
    await discordCache.forget(d.redis, params.guildId, 'roles');
    await audit(c, params.guildId, { action: 'role.update', targetType: 'role', targetId: params.roleId, details: { ...body } });
    return c.json(toRole(updated), 200);
  })
  .openapi(remove, async (c) => {
    await requirePermission(c, remove);
    const params = c.req.valid('param');
    const d = deps(c);
    const role = await guildData.role(d, params.roleId);
    if (role.id === params.guildId) throw new HttpError(400, 'The @everyone role cannot be deleted', { code: 'ValidationError' });
    (await actorAuthority(c)).requireAboveRole(role);
    await discordCall(() => d.rest.delete(Routes.guildRole(params.guildId, params.roleId)));
    await discordCache.forget(d.redis, params.guildId, 'roles', 'members');
    await audit(c, params.guildId, { action: 'role.delete', targetType: 'role', targetId: params.roleId, details: { name: role.name } });
    return c.body(null, 204);
  })
  .openapi(bulk, async (c) => {
    await requirePermission(c, bulk);
    const params = c.req.valid('param');
    const body = c.req.valid('json');
    const d = deps(c);
    const authority = await actorAuthority(c);
    const role = await guildData.role(d, params.roleId);
    if (role.managed || role.id === params.guildId) throw new HttpError(400, 'That role is managed by Discord or an integration and cannot be assigned', { code: 'ValidationError' });
    authority.requireAboveRole(role);
    const members = new Map((await guildData.members(d)).map((m) => [m.user.id, m]));
    const results: { userId: string; ok: boolean; error?: string }[] = [];
    let stopped: string | undefined;
    for (const userId of [...new Set(body.userIds)]) {
      if (stopped) {
        results.push({ userId, ok: false, error: stopped });
        continue;
      }
      const member = members.get(userId) ?? (await guildData.member(d, userId).catch(() => null));
      if (!member) {
        results.push({ userId, ok: false, error: 'NotFound' });
        continue;
      }
      if (authority.memberBlock({ userId, roles: member.roles })) {
        results.push({ userId, ok: false, error: 'HierarchyViolation' });
        continue;
      }
      const path = Routes.guildMemberRole(params.guildId, userId, params.roleId);
      try {
        await (body.action === 'add' ? d.rest.put(path) : d.rest.delete(path));
        results.push({ userId, ok: true });
      } catch (err) {
        const mapped = toHttpError(err);
        results.push({ userId, ok: false, error: mapped.code ?? mapped.message });
        if (mapped.status === 429) stopped = 'RateLimited';
      }
    }
    await discordCache.forget(d.redis, params.guildId, 'members');
    await audit(c, params.guildId, { action: `role.bulk_${body.action}`, targetType: 'role', targetId: params.roleId, details: { userIds: body.userIds, ok: results.filter((r) => r.ok).length } });
    return c.json({ results }, 200);
  });

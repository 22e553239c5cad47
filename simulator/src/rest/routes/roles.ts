import { Hono } from 'hono';
import { z } from 'zod';
import { PermissionFlagsBits as P } from 'discord-api-types/v10';
import type { Context } from 'hono';
import type { RestEnv } from '../types.js';
import { auditOf, callerMember, requirePerms, requireRoleAbove } from '../access.js';
import { parseBody } from '../parseBody.js';
import { bitfield, snowflake } from '../schemas.js';
import { missingPermissions } from '../discordError.js';
import { SimStateError, type RoleInput } from '../../state/index.js';

const roleBody = z.object({
  name: z.string().max(100).nullish(),
  permissions: bitfield.nullish(),
  color: z.number().int().min(0).max(0xffffff).nullish(),
  hoist: z.boolean().nullish(),
  mentionable: z.boolean().nullish(),
  icon: z.string().nullish(),
  unicode_emoji: z.string().nullish(),
});

/** A role may only grant permissions the caller has (unless Administrator), as on Discord. */
function requireGrantable(c: Context<RestEnv>, guildId: string, perms: string | null | undefined): void {
  if (!perms) return;
  const have = c.get('sim').state.permissionsOf(guildId, c.get('caller').userId);
  if (!(have & P.Administrator) && (BigInt(perms) & ~have) !== 0n) throw missingPermissions();
}

function clean(body: z.infer<typeof roleBody>): RoleInput {
  // null clears icon/unicode_emoji; for the other fields it means "unchanged / default".
  return Object.fromEntries(Object.entries(body).filter(([k, v]) => v !== undefined && (v !== null || k === 'icon' || k === 'unicode_emoji'))) as RoleInput;
}

/** Roles: list, get, create, modify, move (positions), delete. */
export const roles = new Hono<RestEnv>()
  .get('/:guildId/roles', (c) => {
    const guildId = c.req.param('guildId');
    callerMember(c, guildId);
    return c.json(c.get('sim').state.roles.list(guildId));
  })
  .get('/:guildId/roles/:roleId', (c) => {
    const guildId = c.req.param('guildId');
    callerMember(c, guildId);
    return c.json(c.get('sim').state.roles.get(guildId, c.req.param('roleId')));
  })
  .post('/:guildId/roles', async (c) => {
    const guildId = c.req.param('guildId');
    requirePerms(c, guildId, P.ManageRoles);
    const body = await parseBody(c, roleBody);
    requireGrantable(c, guildId, body.permissions);
    return c.json(c.get('sim').state.roles.create(guildId, clean(body), auditOf(c)));
  })
  .patch('/:guildId/roles', async (c) => {
    const guildId = c.req.param('guildId');
    requirePerms(c, guildId, P.ManageRoles);
    const moves = await parseBody(c, z.array(z.object({ id: snowflake, position: z.number().int().min(1).nullish() })));
    const { state } = c.get('sim');
    for (const m of moves) {
      requireRoleAbove(c, guildId, state.roles.get(guildId, m.id).position);
      if (m.position != null) requireRoleAbove(c, guildId, m.position);
    }
    return c.json(state.roles.setPositions(guildId, moves, auditOf(c)));
  })
  .patch('/:guildId/roles/:roleId', async (c) => {
    const guildId = c.req.param('guildId');
    requirePerms(c, guildId, P.ManageRoles);
    const { state } = c.get('sim');
    const role = state.roles.get(guildId, c.req.param('roleId'));
    if (role.id !== guildId) requireRoleAbove(c, guildId, role.position);
    const body = await parseBody(c, roleBody);
    requireGrantable(c, guildId, body.permissions);
    return c.json(state.roles.update(guildId, role.id, clean(body), auditOf(c)));
  })
  .delete('/:guildId/roles/:roleId', (c) => {
    const guildId = c.req.param('guildId');
    requirePerms(c, guildId, P.ManageRoles);
    const { state } = c.get('sim');
    const role = state.roles.get(guildId, c.req.param('roleId'));
    if (role.managed) throw new SimStateError(400, 50028, 'Invalid Role');
    requireRoleAbove(c, guildId, role.position);
    state.roles.delete(guildId, role.id, auditOf(c));
    return c.body(null, 204);
  });

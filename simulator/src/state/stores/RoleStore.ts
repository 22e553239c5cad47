import { AuditLogEvent, GatewayDispatchEvents, type APIRole, type RoleFlags } from 'discord-api-types/v10';
import type { SimState } from '../SimState.js';
import { SimStateError } from '../SimStateError.js';
import type { AuditContext } from './AuditLogStore.js';

/** Fields a role create or update may set. */
export interface RoleInput {
  name?: string;
  permissions?: string | bigint;
  color?: number;
  hoist?: boolean;
  mentionable?: boolean;
  icon?: string | null;
  unicode_emoji?: string | null;
  position?: number;
  /** Managed roles (a bot's own role). */
  managed?: boolean;
  tags?: APIRole['tags'];
}

/** Guild roles with positions; each change emits GUILD_ROLE_CREATE/UPDATE/DELETE. */
export class RoleStore {
  constructor(private readonly s: SimState) {}

  /** The role, or 404 Unknown Role (10011). */
  get(guildId: string, roleId: string): APIRole {
    const r = this.s.guild(guildId).roles[roleId];
    if (!r) throw new SimStateError(404, 10011, 'Unknown Role');
    return r;
  }

  /** Roles sorted by position. */
  list(guildId: string): APIRole[] {
    return Object.values(this.s.guild(guildId).roles).sort((a, b) => a.position - b.position || (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
  }

  /** Creates a role (at position 1 by default, the bottom, shifting the others up, as Discord does). */
  create(guildId: string, input: RoleInput = {}, audit?: AuditContext): APIRole {
    const g = this.s.guild(guildId);
    const position = Math.max(1, input.position ?? 1);
    for (const r of Object.values(g.roles)) if (r.id !== guildId && r.position >= position) r.position += 1;
    const color = input.color ?? 0;
    const role: APIRole = {
      id: this.s.snowflakes.next(),
      name: input.name ?? 'new role',
      color,
      colors: { primary_color: color, secondary_color: null, tertiary_color: null },
      hoist: input.hoist ?? false,
      icon: input.icon ?? null,
      unicode_emoji: input.unicode_emoji ?? null,
      position,
      permissions: String(input.permissions ?? g.roles[guildId]?.permissions ?? '0'),
      managed: input.managed ?? false,
      mentionable: input.mentionable ?? false,
      flags: 0 as RoleFlags,
      ...(input.tags ? { tags: input.tags } : {}),
    };
    g.roles[role.id] = role;
    this.s.dispatch(GatewayDispatchEvents.GuildRoleCreate, { guild_id: guildId, role }, guildId);
    if (audit) this.s.auditLog.add(guildId, { ...audit, action_type: AuditLogEvent.RoleCreate, target_id: role.id, changes: [{ key: 'name', new_value: role.name }, { key: 'permissions', new_value: role.permissions }] });
    return role;
  }

  /** Updates a role; emits GUILD_ROLE_UPDATE and a ROLE_UPDATE audit entry. */
  update(guildId: string, roleId: string, input: RoleInput, audit?: AuditContext): APIRole {
    const role = this.get(guildId, roleId) as unknown as Record<string, unknown>;
    const patch: Record<string, unknown> = { ...input };
    if (patch.permissions !== undefined) patch.permissions = String(patch.permissions);
    delete patch.position;
    const changes = Object.entries(patch)
      .filter(([k, v]) => v !== undefined && role[k] !== v)
      .map(([key, v]) => ({ key, old_value: role[key], new_value: v }));
    for (const { key, new_value } of changes) role[key] = new_value;
    if (input.color !== undefined) role.colors = { primary_color: input.color, secondary_color: null, tertiary_color: null };
    const r = role as unknown as APIRole;
    this.s.dispatch(GatewayDispatchEvents.GuildRoleUpdate, { guild_id: guildId, role: r }, guildId);
    if (audit && changes.length) this.s.auditLog.add(guildId, { ...audit, action_type: AuditLogEvent.RoleUpdate, target_id: roleId, changes });
    return r;
  }

  /** Deletes a role and takes it from every member; emits GUILD_ROLE_DELETE. */
  delete(guildId: string, roleId: string, audit?: AuditContext): void {
    const g = this.s.guild(guildId);
    const role = this.get(guildId, roleId);
    if (roleId === guildId) throw new SimStateError(400, 50028, 'Invalid Role');
    delete g.roles[roleId];
    for (const m of Object.values(g.members)) m.roles = m.roles.filter((r) => r !== roleId);
    for (const r of Object.values(g.roles)) if (r.id !== guildId && r.position > role.position) r.position -= 1;
    this.s.dispatch(GatewayDispatchEvents.GuildRoleDelete, { guild_id: guildId, role_id: roleId }, guildId);
    if (audit) this.s.auditLog.add(guildId, { ...audit, action_type: AuditLogEvent.RoleDelete, target_id: roleId, changes: [{ key: 'name', old_value: role.name }] });
  }

  /** Moves roles (`PATCH /guilds/{id}/roles`): applies positions, emits GUILD_ROLE_UPDATE for each moved role. */
  setPositions(guildId: string, moves: { id: string; position?: number | null }[], audit?: AuditContext): APIRole[] {
    const g = this.s.guild(guildId);
    for (const { id } of moves) this.get(guildId, id);
    const moved = new Map(moves.filter((m) => typeof m.position === 'number').map((m) => [m.id, m.position as number]));
    // The others keep their order; each moved role is inserted at its requested slot; then renumber 1..n.
    const ordered = this.list(guildId).filter((r) => r.id !== guildId && !moved.has(r.id));
    for (const [id, pos] of [...moved].sort((a, b) => a[1] - b[1])) ordered.splice(Math.min(Math.max(pos - 1, 0), ordered.length), 0, g.roles[id]!);
    ordered.forEach((r, i) => {
      if (r.position !== i + 1) {
        const old = r.position;
        r.position = i + 1;
        this.s.dispatch(GatewayDispatchEvents.GuildRoleUpdate, { guild_id: guildId, role: r }, guildId);
        if (audit) this.s.auditLog.add(guildId, { ...audit, action_type: AuditLogEvent.RoleUpdate, target_id: r.id, changes: [{ key: 'position', old_value: old, new_value: r.position }] });
      }
    });
    return this.list(g.id);
  }
}

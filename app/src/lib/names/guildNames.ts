import { SNOWFLAKE_DIGITS, SNOWFLAKE_PATTERN } from '@edge/shared/snowflake';
import { cachedApi } from '../api/client';
import { core, json } from '../api/core';
import type { Channel, Role } from '../api/shapes';
import { flattenChannels } from '../channels/channelTypes';
import { memberDirectory } from '../members/memberNames';
import { permissionNames } from './permissionNames';

/** Names for the ids of one guild: channels, roles and (the first page of) members. */
export interface GuildNames {
  channels: Map<string, string>;
  roles: Map<string, string>;
  members: Map<string, string>;
}

/** Loads the guild's names from the cached channel, role and member reads every page shares. */
export async function guildNames(guildId: string): Promise<GuildNames> {
  const [ch, roles, members] = await Promise.all([
    cachedApi(`/api/guilds/${guildId}/channels`, undefined, () => json(core.guilds[':guildId'].channels.$get({ param: { guildId: guildId } }))).catch(() => null),
    cachedApi(`/api/guilds/${guildId}/roles`, undefined, () => json(core.guilds[':guildId'].roles.$get({ param: { guildId: guildId } }))).catch(() => ({ roles: [] as Role[] })),
    memberDirectory(guildId).catch(() => new Map<string, string>()),
  ]);
  return {
    channels: new Map((ch ? flattenChannels(ch) : []).map((c: Channel) => [c.id, c.name])),
    roles: new Map(roles.roles.map((r) => [r.id, r.name])),
    members,
  };
}

/** `<#id>`, `<@id>`, `<@!id>`, `<@&id>` in a text replaced by `#name`, `@name`, `@role`, as Discord renders them. */
export function resolveMarkup(text: string, n: GuildNames | undefined, extraUsers: Record<string, string> = {}): string {
  return text
    .replace(new RegExp(`<#(${SNOWFLAKE_DIGITS})>`, 'g'), (_, id: string) => `#${n?.channels.get(id) ?? 'unknown channel'}`)
    .replace(new RegExp(`<@&(${SNOWFLAKE_DIGITS})>`, 'g'), (_, id: string) => `@${n?.roles.get(id) ?? 'deleted role'}`)
    .replace(new RegExp(`<@!?(${SNOWFLAKE_DIGITS})>`, 'g'), (_, id: string) => `@${n?.members.get(id) ?? extraUsers[id] ?? 'unknown member'}`);
}

const humanKey = (k: string) => k.replace(/Ids$/, 's').replace(/Id$/, '').replace(/([a-z])([A-Z])/g, '$1 $2').replace(/_/g, ' ').toLowerCase();

/**
 * An audit entry's details as a short sentence of names: ids become channel, role or member
 * names, permission bitfields become permission names ("allow: Manage Messages · deny: Send Messages").
 */
export function describeDetails(details: unknown, n: GuildNames | undefined, users: Record<string, string> = {}): string {
  if (!details || typeof details !== 'object') return '';
  const name = (id: string) => n?.channels.get(id) ? `#${n.channels.get(id)}` : n?.roles.get(id) ? `@${n.roles.get(id)}` : (n?.members.get(id) ?? users[id] ?? 'unknown');
  const parts: string[] = [];
  for (const [k, v] of Object.entries(details as Record<string, unknown>)) {
    if (v === undefined || v === null || k === 'eventId' || k === 'level') continue;
    if (Array.isArray(v)) {
      if (v.every((x) => typeof x === 'string' && SNOWFLAKE_PATTERN.test(x))) parts.push(`${humanKey(k)}: ${v.map((x) => name(x as string)).join(', ') || 'none'}`);
      else if (v.every((x) => typeof x !== 'object')) parts.push(`${humanKey(k)}: ${v.join(', ')}`);
      continue;
    }
    if (typeof v === 'object') continue;
    const s = String(v);
    if (/^(allow|deny|permissions)$/i.test(k)) parts.push(`${humanKey(k)}: ${permissionNames(s)}`);
    else if (SNOWFLAKE_PATTERN.test(s)) parts.push(`${humanKey(k)}: ${name(s)}`);
    else parts.push(`${humanKey(k)}: ${resolveMarkup(s, n, users)}`);
  }
  return parts.join(' · ');
}

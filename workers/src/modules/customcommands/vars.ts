import type { APIInteractionGuildMember, APIUser } from 'discord-api-types/v10';
import type { CustomCommand } from './config';
import type { TemplateVars } from './template/renderTemplate';

/** The facts a template's variables come from. */
export interface VarSource {
  user: Pick<APIUser, 'id' | 'username' | 'global_name'>;
  guild: { id: string; name?: string | undefined; memberCount?: number | undefined };
  channel: { id: string; name?: string | undefined };
  message?: string;
}

/** The fixed variables of a template (`{user}`, `{server.name}`, …). */
export function baseVars(s: VarSource, now = new Date()): TemplateVars {
  const name = s.user.global_name ?? s.user.username;
  return {
    user: `<@${s.user.id}>`, 'user.mention': `<@${s.user.id}>`, 'user.name': name, 'user.id': s.user.id,
    server: s.guild.name ?? 'this server', 'server.name': s.guild.name ?? 'this server', 'server.id': s.guild.id, 'server.members': s.guild.memberCount === undefined ? '' : String(s.guild.memberCount),
    channel: `<#${s.channel.id}>`, 'channel.name': s.channel.name ?? '', 'channel.id': s.channel.id,
    date: now.toISOString().slice(0, 10),
    ...(s.message !== undefined ? { message: s.message } : {}),
  };
}

/**
 * `{option.<name>}` values from the options Discord sent, checked against the command's own
 * declaration (a value of the wrong type, or an undeclared name, is left out).
 */
export function optionVars(cmd: CustomCommand, values: Record<string, string | number | boolean>): { vars: TemplateVars; missing: string[] } {
  const vars: TemplateVars = {};
  const missing: string[] = [];
  for (const o of cmd.options) {
    const v = values[o.name];
    const ok = v === undefined ? false
      : o.type === 'boolean' ? typeof v === 'boolean'
      : o.type === 'integer' ? Number.isInteger(v)
      : o.type === 'number' ? typeof v === 'number'
      : typeof v === 'string' && (o.type === 'string' || /^\d{1,20}$/.test(v));
    if (!ok) {
      if (o.required) missing.push(o.name);
      continue;
    }
    vars[`option.${o.name}`] = o.type === 'user' ? `<@${String(v)}>` : o.type === 'channel' ? `<#${String(v)}>` : o.type === 'role' ? `<@&${String(v)}>` : o.type === 'boolean' ? (v ? 'yes' : 'no') : String(v);
  }
  return { vars, missing };
}

/** The member's display user, from an interaction's member. */
export const userOf = (m: APIInteractionGuildMember | undefined, u: APIUser | undefined): APIUser => (m?.user ?? u)!;

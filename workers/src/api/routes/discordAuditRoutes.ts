import { AuditLogEvent, Routes, type RESTGetAPIAuditLogResult } from 'discord-api-types/v10';
import { z } from 'zod';
import { coreApi, coreRoute, jsonAnswer } from '../coreRoute';
import { deps } from '../deps';
import { discordCall } from '../discord/botRest';
import { GuildParams, Snowflake } from '../schemas';

const Query = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  before: Snowflake.optional(),
});

const Entry = z.object({
  id: z.string(),
  createdAt: z.string(),
  action: z.string(),
  actionType: z.number(),
  actorId: z.string().nullable(),
  targetId: z.string().nullable(),
  reason: z.string().nullable(),
  changes: z.array(z.object({ key: z.string(), old: z.unknown(), new: z.unknown() })),
  options: z.record(z.string(), z.unknown()).nullable(),
});

const DISCORD_EPOCH = 1_420_070_400_000n;
/** When a snowflake was made (audit entries carry no timestamp of their own). */
const snowflakeTime = (id: string) => new Date(Number((BigInt(id) >> 22n) + DISCORD_EPOCH)).toISOString();
/** `MemberBanAdd` → `member ban add`. */
const actionName = (t: number) => (AuditLogEvent[t] ?? `action ${t}`).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

const auditLog = coreRoute({
  method: 'get',
  path: '/guilds/{guildId}/discord-audit-log',
  tags: ['guild'],
  summary: "Discord's audit log of the server, newest first",
  requires: 'view',
  request: { params: GuildParams, query: Query },
  responses: jsonAnswer(z.object({ entries: z.array(Entry), users: z.record(z.string(), z.string()), nextBefore: z.string().nullable() })),
});

/**
 * Discord's own audit log of the guild (GET /guilds/{id}/audit-logs, needs View Audit Log for the
 * bot), next to the dashboard's: bans, kicks, role and channel changes made in Discord itself.
 * https://discord.com/developers/docs/resources/audit-log#get-guild-audit-log
 */
export const discordAuditRoutes = coreApi().openapi(auditLog, async (c) => {
    const query = c.req.valid('query');
    const { rest, guildId } = deps(c);
    const q = new URLSearchParams({ limit: String(query.limit), ...(query.before ? { before: query.before } : {}) });
    const log = await discordCall<RESTGetAPIAuditLogResult>(() => rest.get(Routes.guildAuditLog(guildId), { query: q }));
    const entries = log.audit_log_entries.map((e) => ({
      id: e.id,
      createdAt: snowflakeTime(e.id),
      action: actionName(e.action_type),
      actionType: e.action_type,
      actorId: e.user_id ?? null,
      targetId: e.target_id ?? null,
      reason: e.reason ?? null,
      changes: (e.changes ?? []).map((ch) => ({ key: ch.key, old: ch.old_value ?? null, new: ch.new_value ?? null })),
      options: (e.options as Record<string, unknown> | undefined) ?? null,
    }));
    const users = Object.fromEntries(log.users.map((u) => [u.id, u.global_name ?? u.username]));
    const last = entries.at(-1);
    return c.json({ entries, users, nextBefore: entries.length === query.limit && last ? last.id : null }, 200);
});

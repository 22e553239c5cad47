import { and, desc, eq, lt } from 'drizzle-orm';
import { z } from 'zod';
import { dashboardAuditLog } from '@edge/drizzle/schema';
import { guildHub } from '../../platform/hub/guildHub';
import { ACCESS_LEVELS } from '../access/levels';
import { coreApi, coreRoute, jsonAnswer } from '../coreRoute';
import { deps } from '../deps';
import { guildData } from '../discord/guildData';
import { GuildParams } from '../schemas';

const Overview = z.object({
  id: z.string(),
  name: z.string(),
  icon: z.string().nullable(),
  ownerId: z.string(),
  memberCount: z.number(),
  plan: z.string(),
  channelCount: z.number(),
  roleCount: z.number(),
  access: z.enum(ACCESS_LEVELS),
});

const AuditQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  before: z.coerce.number().int().positive().optional(),
  action: z.string().max(64).optional(),
});

const AuditEntry = z.object({
  id: z.number(),
  actorId: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  details: z.unknown(),
  requestId: z.string().nullable(),
  createdAt: z.string(),
});

const overview = coreRoute({
  method: 'get',
  path: '/guilds/{guildId}',
  tags: ['guild'],
  summary: 'Server overview',
  requires: 'view',
  request: { params: GuildParams },
  responses: jsonAnswer(Overview),
});

const auditLog = coreRoute({
  method: 'get',
  path: '/guilds/{guildId}/audit-log',
  tags: ['guild'],
  summary: 'Dashboard audit log (who changed what, when), newest first',
  requires: 'view',
  request: { params: GuildParams, query: AuditQuery },
  responses: jsonAnswer(z.object({ entries: z.array(AuditEntry), nextBefore: z.number().nullable() })),
});

/** Guild overview and the dashboard audit log. */
export const guildRoutes = coreApi()
  .openapi(overview, async (c) => {
    const d = deps(c);
    // The plan from the guild's hub (hot state), not Postgres: the overview opens no connection.
    const [guild, channels, roles, state] = await Promise.all([
      guildData.guild(d),
      guildData.channels(d),
      guildData.roles(d),
      guildHub(c.env, d.guildId).getState(),
    ]);
    return c.json(
      {
        id: guild.id,
        name: guild.name,
        icon: guild.icon ?? null,
        ownerId: guild.owner_id,
        memberCount: guild.approximate_member_count ?? 0,
        plan: state.plan,
        channelCount: channels.length,
        roleCount: roles.length,
        access: c.var.access.level,
      },
      200,
    );
  })
  .openapi(auditLog, async (c) => {
    const query = c.req.valid('query');
    const { db, guildId } = deps(c);
    const where = [eq(dashboardAuditLog.guildId, guildId)];
    if (query.before) where.push(lt(dashboardAuditLog.id, query.before));
    if (query.action) where.push(eq(dashboardAuditLog.action, query.action));
    const rows = await db.select().from(dashboardAuditLog).where(and(...where)).orderBy(desc(dashboardAuditLog.id)).limit(query.limit);
    const entries = rows.map((r) => ({
      id: r.id,
      actorId: r.actorId,
      action: r.action,
      targetType: r.targetType,
      targetId: r.targetId,
      details: r.details,
      requestId: r.requestId,
      createdAt: r.createdAt.toISOString(),
    }));
    return c.json({ entries, nextBefore: rows.length === query.limit ? rows[rows.length - 1]!.id : null }, 200);
  });

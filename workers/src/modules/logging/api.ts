import { z } from 'zod';
import { snowflake } from '../../platform/configFields';
import { ErrorAnswer } from '../../platform/errorAnswer';
import { createModuleApi, moduleRoute } from '../../platform/moduleApi';
import { channelStatus } from './api/channelStatus';
import { auditCsv } from './audit/auditCsv';
import { auditReport } from './audit/auditReport';
import { LOG_KINDS, type LoggingConfig } from './config';

const tags = ['logging'];
const errors = { 400: ErrorAnswer, 401: ErrorAnswer, 403: ErrorAnswer, 404: ErrorAnswer, 409: ErrorAnswer };
const GuildParams = z.object({ guildId: snowflake });

const StatusBody = z.object({
  channels: z.array(z.object({
    channelId: z.string(),
    name: z.string().nullable(),
    kinds: z.array(z.enum(LOG_KINDS)),
    status: z.enum(['ok', 'missing', 'no_access']),
    hint: z.string().nullable(),
  })),
});

const statusRoute = moduleRoute({
  method: 'get', path: '/channels', tags, requires: 'view', summary: 'Each configured log channel: ok, missing (deleted) or out of the bot’s reach',
  request: { params: GuildParams },
  responses: { 200: { description: 'Log channels', content: { 'application/json': { schema: StatusBody } } }, ...errors },
});

const exportRoute = moduleRoute({
  method: 'get', path: '/audit-export', tags, requires: 'edit', summary: 'Server audit report (roles with permissions, channels with overwrites, members per role) as JSON or CSV',
  request: { params: GuildParams, query: z.object({ format: z.enum(['json', 'csv']).default('json') }) },
  responses: {
    200: { description: 'The report, as a download', content: { 'application/json': { schema: z.record(z.string(), z.unknown()) }, 'text/csv': { schema: z.string() } } },
    ...errors,
  },
});

/** The Logging routes, under `/api/guilds/:guildId/modules/logging`. */
export function createLoggingApi() {
  return createModuleApi()
    .openapi(statusRoute, async (c) => {
      const { guildId } = c.req.valid('param');
      const ctx = await c.var.module();
      return c.json({ channels: await channelStatus(ctx.rest, guildId, ctx.config as LoggingConfig) }, 200);
    })
    .openapi(exportRoute, async (c) => {
      const { guildId } = c.req.valid('param');
      const { format } = c.req.valid('query');
      const ctx = await c.var.module();
      const report = await auditReport(ctx.rest, guildId);
      const stamp = report.generatedAt.slice(0, 10);
      c.header('content-disposition', `attachment; filename="server-audit-${guildId}-${stamp}.${format}"`);
      if (format === 'csv') return c.body(auditCsv(report), 200, { 'content-type': 'text/csv; charset=utf-8' });
      return c.json(report as unknown as Record<string, unknown>, 200);
    });
}

/** The Logging routes' type, for the dashboard's typed client. */
export type LoggingApi = ReturnType<typeof createLoggingApi>;

import { z } from 'zod';
import { snowflake } from '../../platform/configFields';
import { ErrorAnswer } from '../../platform/errorAnswer';
import { createModuleApi, moduleRoute } from '../../platform/moduleApi';
import { eq } from 'drizzle-orm';
import { customConfig } from './customServices';
import { syncCommands } from './syncCommands';
import { customCommandRegistrations } from './schema';
import { guildHub } from '../../platform/hub/guildHub';

const tags = ['customcommands'];
const errors = { 400: ErrorAnswer, 401: ErrorAnswer, 403: ErrorAnswer, 404: ErrorAnswer };
const ok = <T>(schema: T, description: string) => ({ 200: { description, content: { 'application/json': { schema } } }, ...errors });
const GuildParams = z.object({ guildId: snowflake });
const Registered = z.object({ commands: z.array(z.object({ name: z.string(), commandId: z.string(), updatedAt: z.string() })) });
const Synced = z.object({ registered: z.array(z.string()), removed: z.array(z.string()), reserved: z.array(z.string()) });

const listRoute = moduleRoute({ method: 'get', path: '/registered', tags, requires: 'view', summary: 'The custom commands registered on Discord for this server', request: { params: GuildParams }, responses: ok(Registered, 'Registered commands') });
const syncRoute = moduleRoute({
  method: 'post', path: '/sync', tags, requires: 'edit', summary: 'Registers the saved commands on Discord again (after a failure); removes them all while the module is off',
  request: { params: GuildParams }, responses: ok(Synced, 'What changed'),
});

/** Routes under `/api/guilds/:guildId/modules/customcommands`. */
export function createCustomCommandsApi() {
  return createModuleApi()
    .openapi(listRoute, async (c) => {
      const ctx = await c.var.module();
      const rows = await ctx.db.select().from(customCommandRegistrations).where(eq(customCommandRegistrations.guildId, c.req.valid('param').guildId));
      return c.json({ commands: rows.map((r) => ({ name: r.name, commandId: r.commandId, updatedAt: r.updatedAt.toISOString() })).sort((a, b) => a.name.localeCompare(b.name)) }, 200);
    })
    .openapi(syncRoute, async (c) => {
      const { guildId } = c.req.valid('param');
      const ctx = await c.var.module();
      const on = (await guildHub(c.env, guildId).getState()).modules.customcommands?.enabled ?? false;
      return c.json(await syncCommands(ctx, guildId, on ? customConfig(ctx) : { commands: [] }), 200);
    });
}

/** The Custom commands routes' type, for the dashboard's typed client. */
export type CustomCommandsApi = ReturnType<typeof createCustomCommandsApi>;

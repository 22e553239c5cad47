import { Hono } from 'hono';
import { z } from 'zod';
import type { APIApplicationCommand } from 'discord-api-types/v10';
import type { Context } from 'hono';
import type { RestEnv } from '../types.js';
import { botCaller, callerMember } from '../access.js';
import { parseBody } from '../parseBody.js';
import { missingAccess } from '../discordError.js';
import { SimStateError } from '../../state/index.js';

const NAME = /^[-_\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

const commandSchema = z.object({
  name: z.string().regex(NAME, 'Command name is invalid'),
  name_localizations: z.record(z.string(), z.string()).nullish(),
  description: z.string().max(100).optional(),
  description_localizations: z.record(z.string(), z.string()).nullish(),
  options: z.array(z.record(z.string(), z.unknown())).max(25).optional(),
  default_member_permissions: z.union([z.string(), z.number()]).nullish(),
  dm_permission: z.boolean().nullish(),
  contexts: z.array(z.number()).nullish(),
  integration_types: z.array(z.number()).nullish(),
  type: z.number().int().min(1).max(4).optional(),
  nsfw: z.boolean().optional(),
});

function appOf(c: Context<RestEnv>) {
  botCaller(c);
  const app = c.get('caller').app;
  if (c.req.param('appId') !== app.id) throw missingAccess();
  return app;
}

function toCommands(c: Context<RestEnv>, appId: string, guildId: string | undefined, input: z.infer<typeof commandSchema>[], existing: APIApplicationCommand[]): APIApplicationCommand[] {
  const seen = new Set<string>();
  return input.map((cmd) => {
    const type = cmd.type ?? 1;
    const key = `${type}:${cmd.name}`;
    if (seen.has(key)) throw new SimStateError(400, 50035, 'Invalid Form Body', { _errors: [{ code: 'APPLICATION_COMMANDS_DUPLICATE_NAME', message: `Application command names must be unique` }] });
    seen.add(key);
    const old = existing.find((e) => e.name === cmd.name && e.type === type);
    return {
      id: old?.id ?? c.get('sim').state.snowflakes.next(),
      application_id: appId,
      version: c.get('sim').state.snowflakes.next(),
      type,
      name: cmd.name,
      name_localizations: cmd.name_localizations ?? null,
      description: cmd.description ?? '',
      description_localizations: cmd.description_localizations ?? null,
      options: (cmd.options ?? []) as unknown as APIApplicationCommand['options'],
      default_member_permissions: cmd.default_member_permissions == null ? null : String(cmd.default_member_permissions),
      dm_permission: cmd.dm_permission ?? true,
      contexts: (cmd.contexts ?? null) as APIApplicationCommand['contexts'],
      integration_types: (cmd.integration_types ?? [0]) as APIApplicationCommand['integration_types'],
      nsfw: cmd.nsfw ?? false,
      ...(guildId ? { guild_id: guildId } : {}),
    } as APIApplicationCommand;
  });
}

/** Application commands: list and bulk overwrite, global and per guild; per guild also create, get and delete one. */
export const commands = new Hono<RestEnv>()
  .get('/:appId/commands', (c) => c.json(appOf(c).commands))
  .put('/:appId/commands', async (c) => {
    const app = appOf(c);
    const body = await parseBody(c, z.array(commandSchema).max(200));
    app.commands = toCommands(c, app.id, undefined, body, app.commands);
    return c.json(app.commands);
  })
  .get('/:appId/guilds/:guildId/commands', (c) => {
    const app = appOf(c);
    callerMember(c, c.req.param('guildId'));
    return c.json(app.guildCommands[c.req.param('guildId')] ?? []);
  })
  .put('/:appId/guilds/:guildId/commands', async (c) => {
    const app = appOf(c);
    const guildId = c.req.param('guildId');
    callerMember(c, guildId);
    const body = await parseBody(c, z.array(commandSchema).max(100));
    app.guildCommands[guildId] = toCommands(c, app.id, guildId, body, app.guildCommands[guildId] ?? []);
    return c.json(app.guildCommands[guildId]);
  })
  // Create one (or overwrite the one with the same name and type): 201 when new, 200 otherwise.
  .post('/:appId/guilds/:guildId/commands', async (c) => {
    const app = appOf(c);
    const guildId = c.req.param('guildId');
    callerMember(c, guildId);
    const body = await parseBody(c, commandSchema);
    const list = app.guildCommands[guildId] ?? [];
    const [made] = toCommands(c, app.id, guildId, [body], list);
    const at = list.findIndex((x) => x.id === made!.id);
    if (at < 0 && list.length >= 100) throw new SimStateError(400, 30032, 'Maximum number of application commands reached (100)');
    app.guildCommands[guildId] = at < 0 ? [...list, made!] : list.map((x, i) => (i === at ? made! : x));
    return c.json(made, at < 0 ? 201 : 200);
  })
  .get('/:appId/guilds/:guildId/commands/:commandId', (c) => {
    const app = appOf(c);
    callerMember(c, c.req.param('guildId'));
    const cmd = (app.guildCommands[c.req.param('guildId')] ?? []).find((x) => x.id === c.req.param('commandId'));
    if (!cmd) throw new SimStateError(404, 10063, 'Unknown application command');
    return c.json(cmd);
  })
  .delete('/:appId/guilds/:guildId/commands/:commandId', (c) => {
    const app = appOf(c);
    const guildId = c.req.param('guildId');
    callerMember(c, guildId);
    const list = app.guildCommands[guildId] ?? [];
    if (!list.some((x) => x.id === c.req.param('commandId'))) throw new SimStateError(404, 10063, 'Unknown application command');
    app.guildCommands[guildId] = list.filter((x) => x.id !== c.req.param('commandId'));
    return c.body(null, 204);
  })
  .get('/@me', (c) => {
    botCaller(c);
    const app = c.get('caller').app;
    const { state } = c.get('sim');
    return c.json({ id: app.id, name: app.name, icon: null, description: '', summary: '', type: null, bot_public: true, bot_require_code_grant: false, verify_key: app.publicKey, flags: app.flags, bot: state.users.get(app.botUserId), owner: app.ownerId ? state.users.find(app.ownerId) : undefined, interactions_endpoint_url: app.interactionsEndpointUrl, redirect_uris: app.redirectUris, approximate_guild_count: state.guildIdsOf(app.botUserId).length });
  });

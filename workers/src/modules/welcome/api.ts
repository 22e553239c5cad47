import { Routes, type APIGuild, type APIGuildMember, type APIMessage } from 'discord-api-types/v10';
import type { Context } from 'hono';
import { z } from 'zod';
import { botRest, discordCall } from '../../api/discord/botRest';
import { HttpError } from '../../errors/HttpError';
import { snowflake } from '../../platform/configFields';
import { ErrorAnswer } from '../../platform/errorAnswer';
import { createModuleApi, moduleRoute, type ModuleEnv } from '../../platform/moduleApi';
import { guildHub } from '../../platform/hub/guildHub';
import { moduleActorId } from '../../platform/moduleActor';
import { welcomeConfigSchema } from './config';
import { buildWelcomeMessage, type WelcomeVars } from './render';

/** Server name and member count for `{server}` / `{memberCount}`: the hub's, else Discord's. */
async function serverFacts(c: Context<ModuleEnv>, guildId: string, known: { name: string; memberCount: number } | null) {
  if (known?.name && known.memberCount > 0) return known;
  const rest = botRest(c.get('config'));
  const g = await discordCall<APIGuild>(() => rest.get(Routes.guild(guildId), { query: new URLSearchParams({ with_counts: 'true' }) }));
  return { name: g.name, memberCount: g.approximate_member_count ?? known?.memberCount ?? 0 };
}

/**
 * The Welcome module's routes, mounted by the module system under
 * `/api/guilds/:guildId/modules/welcome` (authentication and guild access already checked).
 *
 * `POST /test`: sends the welcome message, as configured, into the configured channel with the
 * requesting admin as `{user}`. Answers `{ok: true, messageId, channelId}`; 409
 * `ModuleDisabled` when the module is off, 400 `WelcomeChannelNotSet` without a channel, and
 * Discord's refusals mapped by the API (403 `DiscordForbidden`, 404 `NotFound` for a deleted
 * channel, 429, 502).
 */
const testRoute = moduleRoute({
  method: 'post',
  path: '/test',
  tags: ['welcome'],
  summary: 'Send the welcome message, as saved, into the welcome channel with you as {user}',
  requires: 'edit',
  request: { params: z.object({ guildId: snowflake }) },
  responses: {
    200: { description: 'Sent', content: { 'application/json': { schema: z.object({ ok: z.literal(true), messageId: z.string(), channelId: z.string() }) } } },
    400: ErrorAnswer,
    403: ErrorAnswer,
    409: ErrorAnswer,
  },
});

export function createWelcomeApi() {
  return createModuleApi().openapi(testRoute, async (c) => {
    const { guildId } = c.req.valid('param');
    const actorId = moduleActorId(c);
    if (!actorId) throw new HttpError(401, 'Sign in to send a test message', { code: 'Unauthenticated' });
    const state = await guildHub(c.env, guildId).getState();
    const welcome = state.modules.welcome;
    if (!welcome?.enabled) {
      throw new HttpError(409, 'The Welcome module is off in this server: turn it on first (or preview with /welcome test)', { code: 'ModuleDisabled', details: { moduleId: 'welcome' } });
    }
    const config = welcomeConfigSchema.parse(welcome.config ?? {});
    if (!config.channelId) throw new HttpError(400, 'No welcome channel is set: choose one in the Welcome settings', { code: 'WelcomeChannelNotSet' });
    const rest = botRest(c.get('config'));
    const [member, server] = await Promise.all([
      // The admin as a member (bots may not read arbitrary users); an instance owner who is not
      // in the server still gets a message, mentioning them by id.
      discordCall<APIGuildMember>(() => rest.get(Routes.guildMember(guildId, actorId))).catch((err: unknown) => {
        if (err instanceof HttpError && err.status === 404) return undefined;
        throw err;
      }),
      serverFacts(c, guildId, state.guild),
    ]);
    const user = member?.user ?? { id: actorId, username: 'you', global_name: null, avatar: null };
    const vars: WelcomeVars = { user, server: server.name, memberCount: server.memberCount };
    const channelId = config.channelId;
    const sent = await discordCall<APIMessage>(() => rest.post(Routes.channelMessages(channelId), { body: buildWelcomeMessage(config, state.plan, vars) }));
    c.get('log').info('welcome test sent', { guildId, channelId, actorId });
    return c.json({ ok: true as const, messageId: sent.id, channelId }, 200);
  });
}

/** The Welcome routes' type, for the dashboard's typed client. */
export type WelcomeApi = ReturnType<typeof createWelcomeApi>;

import { InteractionResponseType, InteractionType, type APIInteraction, type APIInteractionResponse } from 'discord-api-types/v10';
import type { Config } from '../env';
import { HttpError } from '../errors';
import type { Logger } from '@edge/shared/log';
import type { ModuleDefinition } from '../platform/ModuleDefinition';
import { failureText, isRefusal } from './finishDeferred';
import type { InteractionServices } from './InteractionServices';
import { buildContext, closeContext } from './buildContext';
import { reply } from './reply';
import { routeInteraction, type RoutedInteraction } from './routeInteraction';
import type { GuildState } from './types';
import { errorFields } from '../lib/errorFields';

/** Per-request inputs of {@link dispatchInteraction}. */
export interface DispatchRequest {
  services: InteractionServices;
  appConfig: Config;
  log: Logger;
  requestId: string;
  waitUntil: (promise: Promise<unknown>) => void;
}

const NO_GUILD: GuildState = { plan: 'free', modules: {} };

function offMessage(module: ModuleDefinition, guildId: string, config: Config): string {
  const url = `${config.PUBLIC_URL.replace(/\/$/, '')}/guilds/${guildId}/modules/${module.id}`;
  return `The **${module.name}** module is off in this server. A server admin can turn it on in the dashboard: ${url}`;
}

/**
 * Reads guild state and rate limits side by side (neither waits for the other), then gates
 * the handler: module on, member within limits. Returns a response when gated.
 */
async function gate(
  routed: Exclude<RoutedInteraction, { kind: 'ping' }>,
  guildId: string | undefined,
  userId: string,
  req: DispatchRequest,
): Promise<{ stop: APIInteractionResponse } | { guild: GuildState; hubLatencyMs: number }> {
  const started = performance.now();
  const [guildRead, limit] = await Promise.all([
    guildId
      ? req.services.guilds.getGuildState(guildId).then(
          (state) => ({ ok: true as const, state, ms: performance.now() - started }),
          (error: unknown) => ({ ok: false as const, error }),
        )
      : Promise.resolve({ ok: true as const, state: NO_GUILD, ms: 0 }),
    routed.kind === 'autocomplete'
      ? Promise.resolve({ ok: true as const })
      : req.services.rateLimiter.check(guildId, userId, routed.kind === 'component' ? 'component' : 'command').catch(() => ({ ok: true as const })),
  ]);
  const stop = (text: string) => ({
    stop: routed.kind === 'autocomplete' ? reply.autocomplete([]) : reply.ephemeral(text),
  });
  if (!limit.ok) {
    req.log.info('interaction rate limited', { scope: limit.scope, label: routed.label });
    return stop(`Slow down — try again in ${Math.max(1, Math.ceil(limit.retryAfterMs / 1000))} s.`);
  }
  const module = routed.module;
  if (!guildRead.ok) {
    req.log.error('guild state read failed', { guildId, ...errorFields(guildRead.error) });
    // Core commands keep working when the hub is unreachable; module commands need its config.
    if (!module.alwaysOn) return stop("This server's settings could not be read just now. Try again in a moment.");
    return { guild: NO_GUILD, hubLatencyMs: 0 };
  }
  if (!module.alwaysOn) {
    if (!guildId) return stop('This command only works in a server.');
    const preview = (routed.kind === 'command' || routed.kind === 'autocomplete') && routed.handler.allowWhenDisabled;
    if (!preview && !guildRead.state.modules[module.id]?.enabled) return stop(offMessage(module, guildId, req.appConfig));
  }
  return { guild: guildRead.state, hubLatencyMs: guildRead.ms };
}

/**
 * Answers one verified, parsed interaction: routes it, gates it, runs its handler, and turns
 * failures into ephemeral messages (structural problems are thrown as 400 `HttpError`s).
 */
export async function dispatchInteraction(interaction: APIInteraction, req: DispatchRequest): Promise<APIInteractionResponse> {
  if (interaction.type === InteractionType.Ping) return { type: InteractionResponseType.Pong };
  let label = 'interaction';
  let routing = true;
  try {
    const routed = await routeInteraction(interaction, req.services.router, req.services.signer);
    if (routed.kind === 'ping') return { type: InteractionResponseType.Pong };
    label = routed.label;
    routing = false;
    const userId = (interaction.member?.user.id ?? interaction.user?.id)!;
    const gated = await gate(routed, interaction.guild_id, userId, req);
    if ('stop' in gated) return gated.stop;
    const ctx = buildContext(interaction, routed, gated, req);
    try {
      switch (routed.kind) {
        case 'command':
        case 'userCommand':
          return await routed.handler.execute(interaction as never, ctx);
        case 'autocomplete':
          return reply.autocomplete(routed.handler.autocomplete ? await routed.handler.autocomplete(interaction as never, ctx) : []);
        case 'component':
          return await routed.handler.execute(interaction as never, ctx);
        case 'modal':
          return await routed.handler.execute(interaction as never, ctx);
      }
    } finally {
      req.waitUntil(closeContext(ctx));
    }
  } catch (caught) {
    // Structural problems of the payload are the endpoint's 400s. Past routing, everything is
    // the member's business: an HttpError a handler lets through (a hub refusal, a Discord
    // 403) must become a message too, or Discord would show "This interaction failed".
    if (routing && caught instanceof HttpError) throw caught;
    const err = caught instanceof Error ? caught : new Error(String(caught));
    if (isRefusal(err)) req.log.warn('interaction refused', { label, code: (err as { code?: string }).code, details: (err as { details?: unknown }).details });
    else req.log.error('interaction handler failed', { label, ...errorFields(err), frames: err.stack?.split('\n').filter((l) => /^\s+at /.test(l)).slice(0, 8).join('\n') });
    if (interaction.type === InteractionType.ApplicationCommandAutocomplete) return reply.autocomplete([]);
    return reply.ephemeral(failureText(err, label, req.requestId));
  }
}

import {
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  type APIInteraction,
  type APIInteractionResponse,
} from 'discord-api-types/v10';
import type { JobEnvelope } from '../jobs/types';
import type { DispatchRequest } from './dispatchInteraction';
import { finishDeferred } from './finishDeferred';
import type { RoutedInteraction } from './routeInteraction';
import type { DeferOptions, GuildState, InteractionContext } from './types';

/** Retries QStash makes for a job that finishes an interaction (its token lives 15 minutes). */
export const INTERACTION_JOB_RETRIES = 3;

function deferResponse(isComponent: boolean, options: DeferOptions): { response: APIInteractionResponse; update: boolean } {
  const update = isComponent && options.update !== false;
  if (update) return { response: { type: InteractionResponseType.DeferredMessageUpdate }, update };
  return {
    response: {
      type: InteractionResponseType.DeferredChannelMessageWithSource,
      ...(options.ephemeral ? { data: { flags: MessageFlags.Ephemeral } } : {}),
    },
    update,
  };
}

/** Builds the {@link InteractionContext} a handler receives. */
export function buildContext(
  interaction: APIInteraction,
  routed: Exclude<RoutedInteraction, { kind: 'ping' }>,
  gated: { guild: GuildState; hubLatencyMs: number },
  req: DispatchRequest,
): InteractionContext {
  const { services, log, requestId } = req;
  const isComponent = interaction.type === InteractionType.MessageComponent;
  const target = { applicationId: interaction.application_id, token: interaction.token, requestId, label: routed.label };
  const guildId = interaction.guild_id;
  let hub: ReturnType<typeof services.hub> | undefined;
  return {
    guildId,
    userId: (interaction.member?.user.id ?? interaction.user?.id)!,
    permissions: BigInt(interaction.member?.permissions ?? 0),
    config: gated.guild.modules[routed.module.id]?.config,
    guild: gated.guild,
    hubLatencyMs: gated.hubLatencyMs,
    get hub() {
      // Lazy: most handlers only read (`guild`, `config`) and never need a stub.
      if (guildId && !hub) hub = services.hub(guildId);
      return hub;
    },
    modules: services.router.modules,
    options: 'options' in routed ? routed.options : { values: {} },
    state: 'state' in routed ? routed.state : [],
    appConfig: req.appConfig,
    requestId,
    log,
    customId: (prefix, ...state) => services.signer.sign(prefix, state),
    defer(work, options = {}) {
      const { response, update } = deferResponse(isComponent, options);
      req.waitUntil(finishDeferred({ ...target, update }, work, services.webhook, log));
      return response;
    },
    async deferToJob(job, payload, options = {}) {
      const { response, update } = deferResponse(isComponent, options);
      const envelope: JobEnvelope = {
        payload,
        interaction: { applicationId: target.applicationId, token: target.token, update },
        requestId,
        retries: INTERACTION_JOB_RETRIES,
      };
      await services.jobs.publish(job, envelope);
      return response;
    },
  };
}

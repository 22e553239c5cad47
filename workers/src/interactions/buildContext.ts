import {
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  type APIInteraction,
  type APIInteractionResponse,
} from 'discord-api-types/v10';
import type { JobEnvelope } from '../jobs/types';
import type { ModuleContext } from '../platform/ModuleContext';
import { ModuleServices } from '../platform/ModuleServices';
import type { DispatchRequest } from './dispatchInteraction';
import { finishDeferred } from './finishDeferred';
import { retryUnknownWebhook } from './retryUnknownWebhook';
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
  // Database, REST, hub and jobs as every module handler gets them; the pool (if a handler
  // opened one) ends once the response and any deferred work are done.
  const moduleServices = new ModuleServices({
    appConfig: req.appConfig, log, requestId, moduleId: routed.module.id, guildId, hub: services.hub, queue: services.jobs,
  });
  const pending: Promise<unknown>[] = [];
  const later = (p: Promise<unknown>) => {
    pending.push(p);
    req.waitUntil(p);
  };
  const base = moduleServices.context({ config: gated.guild.modules[routed.module.id]?.config, plan: gated.guild.plan });
  const extras: Omit<InteractionContext, keyof ModuleContext> = {
    userId: (interaction.member?.user.id ?? interaction.user?.id)!,
    permissions: BigInt(interaction.member?.permissions ?? 0),
    guild: gated.guild,
    hubLatencyMs: gated.hubLatencyMs,
    modules: services.router.modules,
    options: 'options' in routed ? routed.options : { values: {} },
    state: 'state' in routed ? routed.state : [],
    requestId,
    customId: (prefix, ...state) => services.signer.sign(prefix, state),
    defer(work, options = {}) {
      const { response, update } = deferResponse(isComponent, options);
      later(finishDeferred({ ...target, update }, work, services.webhook, log));
      return response;
    },
    followUp(body, files) {
      return retryUnknownWebhook(() => services.webhook.followUp(target.applicationId, target.token, body, files));
    },
    async deferToJob(job, payload, options = {}) {
      const { response, update } = deferResponse(isComponent, options);
      const envelope: JobEnvelope = {
        payload,
        interaction: { applicationId: target.applicationId, token: target.token, update },
        requestId,
        retries: INTERACTION_JOB_RETRIES,
        moduleId: routed.module.id,
        ...(guildId && { guildId }),
      };
      await services.jobs.publish(job, envelope);
      return response;
    },
  };
  const ctx = Object.assign(base, extras);
  closers.set(ctx, () => Promise.allSettled(pending).then(() => moduleServices.close()));
  return ctx;
}

const closers = new WeakMap<InteractionContext, () => Promise<void>>();

/** Ends what the handler opened (its database pool) once its deferred work is done too. */
export function closeContext(ctx: InteractionContext): Promise<void> {
  return closers.get(ctx)?.() ?? Promise.resolve();
}

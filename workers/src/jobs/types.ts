import type { InteractionWebhook } from '../interactions/InteractionWebhook';
import type { ReplyBody } from '../interactions/types';
import type { ModuleContext } from '../platform/ModuleContext';

/**
 * What a job handler receives besides its payload: the module services (the guild's config and
 * plan when the job was scheduled for a guild) and the delivery's facts.
 */
export interface JobContext extends ModuleContext {
  /** Request id of the interaction (or request) that published the job. */
  originRequestId: string;
  /** 0 on the first delivery, then QStash's `Upstash-Retried`. */
  attempt: number;
  /** True when QStash will not deliver again if this attempt fails. */
  finalAttempt: boolean;
  webhook: InteractionWebhook;
}

/**
 * Work delivered by QStash to `POST /jobs/<name>`. When published by `ctx.deferToJob`, the
 * returned body edits the interaction's `@original`; a throw is retried by QStash, and on the
 * final attempt the member gets an error reply instead.
 */
export interface JobHandler {
  name: string;
  run(payload: unknown, ctx: JobContext): Promise<ReplyBody | void>;
}

/** What travels through QStash (JSON). */
export interface JobEnvelope {
  payload: unknown;
  /** Set when the job finishes a deferred interaction. */
  interaction?: { applicationId: string; token: string; update?: boolean };
  requestId: string;
  retries: number;
  /** The module that scheduled it and the guild it is for (`jobs.schedule`). */
  moduleId?: string;
  guildId?: string;
}

/** When and how often a job is delivered. */
export interface PublishOptions {
  delaySeconds?: number;
  /** Unix time (seconds) of the first delivery. */
  notBefore?: number;
  /** Same id within QStash's window: delivered once. */
  deduplicationId?: string;
}

/** Publishes jobs; production uses QStash, tests capture them. */
export interface JobQueue {
  publish(name: string, envelope: JobEnvelope, options?: PublishOptions): Promise<void>;
}

import type { Config } from '../env';
import type { InteractionWebhook } from '../interactions/InteractionWebhook';
import type { ReplyBody } from '../interactions/types';
import type { Logger } from '../lib/log';

/** What a job handler receives besides its payload. */
export interface JobContext {
  appConfig: Config;
  log: Logger;
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
}

/** Publishes jobs; production uses QStash, tests capture them. */
export interface JobQueue {
  publish(name: string, envelope: JobEnvelope, options?: { delaySeconds?: number }): Promise<void>;
}

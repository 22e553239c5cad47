import { Hono } from 'hono';
import { z } from 'zod';
import { Snowflake } from '@edge/shared/snowflake';
import type { Config } from '../env';
import { errorResponse } from '../errors';
import { selfUrl } from '../interactions/InteractionServices';
import { FetchInteractionWebhook, type InteractionWebhook } from '../interactions/InteractionWebhook';
import { deliverDeferred } from '../interactions/finishDeferred';
import { getReceiver } from '../lib/qstash';
import { requireConfig } from '../middleware/require-config';
import type { GuildHubClient } from '../platform/hub/guildHub';
import { ModuleServices } from '../platform/ModuleServices';
import type { AppEnv } from '../types';
import { allJobs } from './allJobs';
import { JOB_NAME, jobUrl } from './QstashJobQueue';
import type { JobHandler } from './types';
import { errorFields } from '../lib/errorFields';

/** Options of {@link createJobsRoute}. */
export interface JobsOptions {
  /** The jobs served; defaults to `allJobs()`. */
  jobs?: readonly JobHandler[] | (() => readonly JobHandler[]);
  /** Replaces the Discord webhook client (tests). */
  webhook?: InteractionWebhook;
  /** Replaces the guild hub client jobs read config from (tests). */
  hub?: (guildId: string) => GuildHubClient;
}

const Envelope = z.object({
  payload: z.unknown(),
  interaction: z.object({ applicationId: z.string().min(1), token: z.string().min(1), update: z.boolean().optional() }).optional(),
  requestId: z.string().max(100),
  retries: z.number().int().min(0).max(10),
  moduleId: z.string().max(64).optional(),
  guildId: Snowflake.optional(),
});

/**
 * `POST /jobs/:name`: QStash deliveries. The `Upstash-Signature` JWT is verified with the
 * Receiver (current and next keys, subject = this job's URL, body hash) before anything else;
 * a failing job answers 503 so QStash retries it, and on the last attempt a job that was
 * finishing an interaction tells the member what failed.
 */
export function createJobsRoute(options: JobsOptions = {}): Hono<AppEnv> {
  let handlers: Map<string, JobHandler> | undefined;
  const receivers = new WeakMap<Config, ReturnType<typeof getReceiver>>();
  const table = () => {
    if (!handlers) {
      const list = typeof options.jobs === 'function' ? options.jobs() : options.jobs ?? allJobs();
      handlers = new Map(list.map((j) => [j.name, j]));
    }
    return handlers;
  };
  return new Hono<AppEnv>().post('/:name', requireConfig(), async (c) => {
    const config = c.get('config');
    const name = c.req.param('name');
    const signature = c.req.header('upstash-signature');
    const body = await c.req.text();
    let receiver = receivers.get(config);
    if (!receiver) receivers.set(config, (receiver = getReceiver(config)));
    const valid =
      !!signature &&
      JOB_NAME.test(name) &&
      (await receiver.verify({ signature, body, url: jobUrl(selfUrl(config), name) }).then(() => true, () => false));
    if (!valid) {
      c.get('log').warn('job signature refused', { job: name });
      return errorResponse(c, 401, 'Invalid QStash signature', { code: 'InvalidSignature' });
    }
    const handler = table().get(name);
    if (!handler) return errorResponse(c, 404, `Unknown job "${name}"`, { code: 'UnknownJob' });
    let parsed: z.infer<typeof Envelope>;
    try {
      parsed = Envelope.parse(JSON.parse(body));
    } catch {
      return errorResponse(c, 400, 'Job body is not a job envelope', { code: 'InvalidJob' });
    }
    const attempt = Number(c.req.header('upstash-retried') ?? 0) || 0;
    const log = c.get('log').child({ job: name, originRequestId: parsed.requestId, attempt });
    const webhook = options.webhook ?? new FetchInteractionWebhook(config.DISCORD_API_BASE);
    const finalAttempt = attempt >= parsed.retries;
    const services = new ModuleServices({ appConfig: config, log, requestId: c.get('requestId'), moduleId: parsed.moduleId ?? name.split('.')[0]!, guildId: parsed.guildId, env: c.env, hub: options.hub });
    try {
      // A job scheduled for a guild sees that guild's config and plan as they are now.
      const state = parsed.guildId ? await services.hub!.getState() : undefined;
      const base = services.context({ config: state?.modules[parsed.moduleId ?? '']?.config, plan: state?.plan ?? 'free' });
      const result = await handler.run(parsed.payload, Object.assign(base, { originRequestId: parsed.requestId, attempt, finalAttempt, webhook }));
      if (parsed.interaction) {
        const target = { ...parsed.interaction, update: parsed.interaction.update ?? false, requestId: parsed.requestId, label: `job ${name}` };
        await deliverDeferred(target, { ok: true, body: result ?? { content: '✅ Done.' } }, webhook, log);
      }
      return c.json({ ok: true });
    } catch (error) {
      log.error('job failed', { ...errorFields(error), finalAttempt });
      if (!finalAttempt) return errorResponse(c, 503, `Job "${name}" failed; QStash will retry`, { code: 'JobFailed' });
      if (parsed.interaction) {
        const target = { ...parsed.interaction, update: parsed.interaction.update ?? false, requestId: parsed.requestId, label: `job ${name}` };
        await deliverDeferred(target, { ok: false, error }, webhook, log);
        return c.json({ ok: false, reported: true });
      }
      return errorResponse(c, 503, `Job "${name}" failed on its last attempt`, { code: 'JobFailed' });
    } finally {
      await services.close();
    }
  });
}

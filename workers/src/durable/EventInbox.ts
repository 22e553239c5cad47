import { DurableObject } from 'cloudflare:workers';
import { readConfig, type Env } from '../env';
import { insertDeadLetters } from '../ingest/deadLetters';
import { InboxCore, type AcceptResult, type LetterInput } from '../ingest/inbox/InboxCore';
import { withDb } from '../lib/db';
import { createLogger } from '../lib/log';
import { doSql } from './doSql';
import { countUsage } from '../lib/usage';
import { guildHub } from '../modules/hub/guildHub';
import { registry } from '../modules/registry';

/** Types some module handles one event at a time (effects: Discord calls), computed once. */
let heavy: Set<string> | undefined;
const isHeavy = (type: string) => (heavy ??= new Set(registry.all().flatMap((d) => Object.keys(d.eventHandlers ?? {})))).has(type);

/**
 * The durable inbox of gateway events (one per deployment, named `default`; SQLite-backed).
 * `/ingest` hands it each verified body: it stores the batch in one transaction and answers,
 * so the ack costs one Durable Object request and no database. Its alarm then delivers each
 * guild's events to that guild's GuildHub, in order, in slices, with retries and dead letters
 * (logic: `ingest/inbox/InboxCore.ts`).
 */
export class EventInbox extends DurableObject<Env> {
  readonly #core: InboxCore;
  readonly #delayMs: number;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    const config = readConfig(env);
    const retentionHours = config.ok ? config.config.EVENTS_RETENTION_HOURS : 24;
    this.#delayMs = config.ok ? config.config.INBOX_DELIVERY_DELAY_MS : 0;
    this.#core = new InboxCore({
      sql: doSql(ctx.storage),
      hub: (guildId) => (countUsage('hubDeliveries'), guildHub(env, guildId)),
      setAside: (letters) => {
        if (!config.ok) throw new Error(`Worker misconfigured: ${config.problems.join('; ')}`);
        return withDb(config.config, (db) => insertDeadLetters(db, letters));
      },
      isHeavy,
      retentionMs: retentionHours * 3_600_000,
      log: createLogger({ do: 'EventInbox' }),
    });
  }

  /** Stores a verified ingest body (`nonce`: its normalized MAC) and wakes delivery. */
  async accept(nonce: string, body: string): Promise<AcceptResult> {
    const result = this.#core.accept(nonce, body);
    if (result.ok && result.stored > 0) await this.#wake();
    return result;
  }

  /** Puts a dead letter's event back for delivery (the dashboard's retry). */
  async redeliver(letter: Omit<LetterInput, 'error'>): Promise<void> {
    this.#core.redeliver(letter);
    await this.#wake();
  }

  override async alarm(): Promise<void> {
    // An alarm is a billed Durable Object request too: counted for the free-tier meter.
    countUsage('doRequests');
    countUsage('inboxAlarms');
    const run = await this.#core.deliver();
    if (run.nextAt !== null) await this.ctx.storage.setAlarm(run.nextAt);
  }

  /** Delivery as soon as possible (after `INBOX_DELIVERY_DELAY_MS`); an alarm already due sooner stays. */
  async #wake(): Promise<void> {
    const due = Date.now() + this.#delayMs;
    const at = await this.ctx.storage.getAlarm();
    if (at === null || at > due) await this.ctx.storage.setAlarm(due);
  }
}

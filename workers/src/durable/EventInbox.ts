import { DurableObject } from 'cloudflare:workers';
import { readConfig, type Env } from '../env';
import { insertDeadLetters } from '../ingest/deadLetters';
import { InboxCore, type AcceptResult, type InboxStatus, type LetterInput } from '../ingest/inbox/InboxCore';
import { withDb } from '../lib/db';
import { errorFields } from '../lib/errorFields';
import { createLogger } from '@edge/shared/log';
import { doSql } from './doSql';
import { countUsage } from '../lib/usage';
import { guildHub } from '../platform/hub/guildHub';
import { registry } from '../platform/registry';

/** Types some module handles one event at a time (effects: Discord calls), computed once. */
let heavy: Set<string> | undefined;
const isHeavy = (type: string) => (heavy ??= new Set(registry.all().flatMap((d) => Object.keys(d.eventHandlers ?? {})))).has(type);

/** How long after a store the alarm takes over if the delivery that follows it did not finish (the object was evicted, say). */
const SAFETY_MS = 30_000;
/**
 * While batches keep coming, the alarm stays armed this far ahead (re-armed when it fires) and a
 * store leaves an alarm within it alone: each `setAlarm` is a billed row written, so the alarm
 * is not moved per batch. A delivery that did not finish waits for the next store or that alarm.
 */
const BUSY_RECHECK_MS = 5 * 60_000;

/**
 * The durable inbox of gateway events (one per deployment, named `default`; SQLite-backed).
 * `/ingest` hands it each verified body: it stores the batch in one transaction and answers,
 * so the ack costs one Durable Object request and no database. Right after answering, the
 * same request delivers each guild's events to that guild's GuildHub, in order, in slices
 * (logic: `ingest/inbox/InboxCore.ts`), so a batch costs two Durable Object requests (store,
 * hub). Its alarm is the safety net (set before answering, it takes over if that delivery did
 * not finish) and runs the retries with backoff, the dead letters and the pruning. Delivery
 * runs never overlap.
 */
export class EventInbox extends DurableObject<Env> {
  readonly #core: InboxCore;
  readonly #delayMs: number;
  readonly #log = createLogger({ do: 'EventInbox' });
  /** The delivery run in progress in this instance, if any. */
  #running: Promise<void> | undefined;
  /** A delivery run is scheduled to start after the answer. */
  #scheduled = false;
  /** The alarm as last set or read (undefined: not read yet in this instance). */
  #alarmAt: number | null | undefined;
  /** When this instance last stored a batch. */
  #storedAt = 0;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    const config = readConfig(env);
    const retentionHours = config.ok ? config.config.EVENTS_RETENTION_HOURS : 24;
    this.#delayMs = config.ok ? config.config.INBOX_DELIVERY_DELAY_MS : 0;
    this.#core = new InboxCore({
      sql: doSql(ctx.storage, 'inboxRowsWritten'),
      hub: (guildId) => (countUsage('hubDeliveries'), guildHub(env, guildId)),
      setAside: (letters) => {
        if (!config.ok) throw new Error(`Worker misconfigured: ${config.problems.join('; ')}`);
        return withDb(config.config, (db) => insertDeadLetters(db, letters));
      },
      isHeavy,
      retentionMs: retentionHours * 3_600_000,
      log: this.#log,
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

  /** The backlog (counts only). */
  async status(): Promise<InboxStatus> {
    return this.#core.status();
  }

  override async alarm(): Promise<void> {
    // An alarm is a billed Durable Object request too: counted for the free-tier meter.
    countUsage('doRequests');
    countUsage('inboxAlarms');
    // The runtime clears an alarm once it ran.
    this.#alarmAt = null;
    await this.#run(true);
  }

  /**
   * Makes sure an alarm is armed soon enough to take over (durably, before the answer), then
   * schedules a delivery run right after the answer (after `INBOX_DELIVERY_DELAY_MS`), in this
   * request. An alarm already due within {@link BUSY_RECHECK_MS} is kept as it is.
   */
  async #wake(): Promise<void> {
    const now = Date.now();
    this.#storedAt = now;
    const at = await this.#alarm();
    if (at === null || at > now + this.#delayMs + BUSY_RECHECK_MS) await this.#setAlarm(now + this.#delayMs + SAFETY_MS);
    if (this.#scheduled) return;
    this.#scheduled = true;
    setTimeout(() => {
      this.#scheduled = false;
      this.#run(false).catch((err: unknown) => this.#log.error('inbox delivery run failed; the alarm retries', { ...errorFields(err) }));
    }, this.#delayMs);
  }

  /** The armed alarm's time (read once per instance, then kept: only this object sets it). */
  async #alarm(): Promise<number | null> {
    if (this.#alarmAt === undefined) this.#alarmAt = await this.ctx.storage.getAlarm();
    return this.#alarmAt;
  }

  /** Sets (or clears) the alarm: a billed row written, counted for the free-tier meter. */
  async #setAlarm(at: number | null): Promise<void> {
    countUsage('doRowsWritten');
    countUsage('inboxRowsWritten');
    if (at === null) await this.ctx.storage.deleteAlarm();
    else await this.ctx.storage.setAlarm(at);
    this.#alarmAt = at;
  }

  /**
   * One delivery run, after any run in progress; then the alarm is armed for what is left: an
   * alarm already due earlier is kept (it only checks sooner). The alarm's own run re-arms
   * within {@link BUSY_RECHECK_MS} while batches keep coming, so stores need not touch it.
   */
  async #run(fromAlarm: boolean): Promise<void> {
    while (this.#running) await this.#running.catch(() => {});
    const run = (async () => {
      const done = await this.#core.deliver();
      // `nextAt` was computed after the run's last await: a batch stored since is included.
      const now = Date.now();
      let want = done.nextAt;
      if (fromAlarm && now - this.#storedAt < BUSY_RECHECK_MS) want = Math.min(want ?? Infinity, now + BUSY_RECHECK_MS);
      const at = await this.#alarm();
      if (want !== null && (at === null || at > want)) await this.#setAlarm(want);
    })();
    this.#running = run;
    try {
      await run;
    } finally {
      if (this.#running === run) this.#running = undefined;
    }
  }
}

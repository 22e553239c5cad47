/** The part of Durable Object storage the alarms use (one key and the DO's single alarm). */
export interface AlarmStorage {
  get<T>(key: string): Promise<T | undefined>;
  put(key: string, value: unknown): Promise<void>;
  setAlarm(at: number): Promise<void>;
  deleteAlarm(): Promise<void>;
}

/** One purpose's next run, with the context it needs (a DO does not know its own name). */
export interface AlarmEntry {
  at: number;
  guildId: string;
}

/** What a purpose's handler answers: when it wants to run next (null: not until scheduled again). */
export type AlarmHandler = (entry: AlarmEntry, now: number) => Promise<number | null>;

const KEY = 'alarms';
/** A handler that threw runs again this much later. */
const RETRY_MS = 60_000;

/**
 * A Durable Object has ONE alarm; this keeps a next-due time per purpose (`flush`, later
 * others) in one storage key and sets the DO alarm to the earliest. `alarm()` runs every due
 * purpose, then re-arms. Scheduling a purpose that is already due sooner writes nothing.
 */
export class HubAlarms {
  #entries: Record<string, AlarmEntry> | undefined;

  constructor(private readonly storage: AlarmStorage) {}

  async #load(): Promise<Record<string, AlarmEntry>> {
    return (this.#entries ??= (await this.storage.get<Record<string, AlarmEntry>>(KEY)) ?? {});
  }

  /** Makes `purpose` run at `at` at the latest (an earlier time already set is kept). */
  async ensure(purpose: string, at: number, guildId: string): Promise<void> {
    const entries = await this.#load();
    const current = entries[purpose];
    if (current && current.at <= at) return;
    entries[purpose] = { at, guildId };
    await this.#save(entries);
  }

  /** The next run of `purpose`, if one is scheduled. */
  async next(purpose: string): Promise<AlarmEntry | undefined> {
    return (await this.#load())[purpose];
  }

  /** Runs each purpose due at `now` with its handler, then sets the alarm for what remains. */
  async run(now: number, handlers: Record<string, AlarmHandler>): Promise<string[]> {
    const entries = await this.#load();
    const ran: string[] = [];
    for (const [purpose, entry] of Object.entries(entries)) {
      if (entry.at > now) continue;
      const handler = handlers[purpose];
      delete entries[purpose];
      if (!handler) continue;
      ran.push(purpose);
      let next: number | null;
      try {
        next = await handler(entry, now);
      } catch {
        next = now + RETRY_MS;
      }
      if (next !== null) entries[purpose] = { ...entry, at: next };
    }
    await this.#save(entries);
    return ran;
  }

  async #save(entries: Record<string, AlarmEntry>): Promise<void> {
    this.#entries = entries;
    await this.storage.put(KEY, entries);
    const times = Object.values(entries).map((e) => e.at);
    if (times.length > 0) await this.storage.setAlarm(Math.min(...times));
    else await this.storage.deleteAlarm();
  }
}

/**
 * The next wall-clock-aligned time after `now` on a grid of `minutes` (from the Unix epoch, so
 * every hub of a deployment shares it), plus `offsetMs` (a small per-guild spread).
 */
export function nextAligned(now: number, minutes: number, offsetMs = 0): number {
  const step = minutes * 60_000;
  let t = Math.floor(now / step) * step + offsetMs;
  while (t <= now) t += step;
  return t;
}

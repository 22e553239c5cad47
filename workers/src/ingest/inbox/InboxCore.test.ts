import { beforeEach, describe, expect, it } from 'vitest';
import { SNOWFLAKE_PATTERN } from '@edge/shared/snowflake';
import { createLogger } from '@edge/shared/log';
import { sqliteExec } from '../../lib/testing/sqliteExec';
import type { ProcessableEvent } from '../../platform/processing/ProcessableEvent';
import type { ProcessResult } from '../../platform/processing/processStoredEvents';
import { InboxCore, PRUNE_GRACE_MS, type LetterInput } from './InboxCore';

const G1 = '700000000000000001';
const G2 = '700000000000000002';
let clock: number;
let sql: ReturnType<typeof sqliteExec>;
let inbox: InboxCore;
/** Each hub RPC: its guild and the event ids it carried. */
let rpcs: { guildId: string; ids: string[] }[];
let letters: LetterInput[];
/** How a hub answers an RPC (default: every event processed). */
let answer: (guildId: string, events: ProcessableEvent[]) => Promise<ProcessResult>;
let lettersDown = false;
let n = 0;

const ok = async (_g: string, events: ProcessableEvent[]): Promise<ProcessResult> => ({ processed: events.length, failed: [] });
const ev = (guildId: string | null, type = 'MESSAGE_CREATE') => ({ id: `ev-${++n}`, type, guildId, receivedAt: clock, payload: { n } });
const accept = (events: ReturnType<typeof ev>[]) => {
  const r = inbox.accept(`nonce-${++n}`, JSON.stringify({ batchId: `b-${n}`, events }));
  if (!r.ok) throw new Error(r.message);
  return r;
};
/** Runs delivery as the alarm does, until nothing is due now (backoffs are not waited for). */
async function drain(): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const run = await inbox.deliver();
    if (run.nextAt === null || run.nextAt > clock) return;
  }
  throw new Error('delivery never settled');
}
const deliveredIds = (guildId?: string) => rpcs.filter((r) => !guildId || r.guildId === guildId).flatMap((r) => r.ids);

beforeEach(() => {
  clock = 1_700_000_000_000;
  sql = sqliteExec();
  rpcs = [];
  letters = [];
  lettersDown = false;
  answer = ok;
  inbox = new InboxCore({
    sql, now: () => clock, retentionMs: 3_600_000, log: createLogger({}, () => {}),
    isHeavy: (type) => type === 'GUILD_MEMBER_ADD',
    hub: (guildId) => {
      if (!SNOWFLAKE_PATTERN.test(guildId)) throw new Error('Guild id must be a Discord id');
      return {
      processEvents: async (events) => {
        rpcs.push({ guildId, ids: events.map((e) => e.eventId) });
        return answer(guildId, events);
      },
      };
    },
    setAside: async (l) => {
      if (lettersDown) throw new Error('Postgres unreachable');
      letters.push(...l);
    },
  });
});

describe('EventInbox delivery', () => {
  it('delivers each guild its events in arrival order, one RPC per guild per batch slice, each event once', async () => {
    const a = [ev(G1), ev(G2), ev(G1), ev(null), ev(G1)];
    accept(a);
    accept([ev(G2), a[0]!]);
    expect(inbox.pending()).toBe(5);
    clock += 1_500;
    expect(inbox.status()).toEqual({ pending: 5, settingAside: 0, oldestPendingMs: 1_500 });
    await drain();
    expect(rpcs.map((r) => r.guildId).sort()).toEqual([G1, G2, G2]);
    expect(deliveredIds(G1)).toEqual([a[0]!.id, a[2]!.id, a[4]!.id]);
    expect(deliveredIds(G2)).toHaveLength(2);
    // The guild-less event has no hub: acked and kept, never delivered.
    expect(deliveredIds()).not.toContain(a[3]!.id);
    expect(inbox.status()).toEqual({ pending: 0, settingAside: 0, oldestPendingMs: null });
    await drain();
    expect(rpcs).toHaveLength(3);
  });

  it('a raid of 60 joins goes out in slices of at most 15 joins, in order, over bounded runs', async () => {
    const joins = Array.from({ length: 60 }, () => ev(G1, 'GUILD_MEMBER_ADD'));
    const messages = [ev(G1), ev(G1)];
    accept([...joins.slice(0, 30), messages[0]!, ...joins.slice(30), messages[1]!]);
    await drain();
    expect(rpcs.every((r) => r.ids.filter((id) => joins.some((j) => j.id === id)).length <= 15)).toBe(true);
    expect(rpcs.length).toBeGreaterThanOrEqual(4);
    expect(deliveredIds()).toEqual([...joins.slice(0, 30), messages[0]!, ...joins.slice(30), messages[1]!].map((e) => e.id));
  });

  it('a slice the hub keeps throwing on is halved down to the poison event, which is set aside; the rest is delivered in order', async () => {
    const events = Array.from({ length: 8 }, () => ev(G1));
    const poison = events[5]!.id;
    answer = async (_g, list) => {
      if (list.some((e) => e.eventId === poison)) throw new Error('RangeError: invalid string');
      return ok(_g, list);
    };
    accept(events);
    for (let i = 0; i < 40 && letters.length === 0; i++) {
      await drain();
      clock += 16 * 60_000;
    }
    await drain();
    expect(letters).toEqual([{ eventId: poison, guildId: G1, type: 'MESSAGE_CREATE', payload: JSON.stringify(events[5]!.payload), error: 'Error: RangeError: invalid string' }]);
    const done = new Set(rpcs.filter((r) => !r.ids.includes(poison)).flatMap((r) => r.ids));
    expect([...done]).toEqual(events.filter((e) => e.id !== poison).map((e) => e.id));
    // Slices shrank: the last ones carried the poison event alone.
    expect(rpcs.at(-1)!.ids.length).toBeLessThanOrEqual(2);
    expect(rpcs.filter((r) => r.ids.length === 1 && r.ids[0] === poison).length).toBeGreaterThanOrEqual(1);
    expect(inbox.pending()).toBe(0);
  });

  it('backs off between retries: nothing is re-sent before the wait, and another guild is not held up', async () => {
    answer = async (g, list) => {
      if (g === G1) throw new Error('hub down');
      return ok(g, list);
    };
    accept([ev(G1), ev(G2)]);
    const first = await inbox.deliver();
    expect(rpcs.map((r) => r.guildId).sort()).toEqual([G1, G2]);
    expect(first.nextAt).toBe(clock + 2_000);
    await inbox.deliver();
    expect(rpcs).toHaveLength(2);
    clock += 2_000;
    answer = ok;
    await drain();
    expect(deliveredIds(G1)).toHaveLength(2);
    expect(inbox.pending()).toBe(0);
  });

  it('an event the hub reports failed is retried, then set aside after 5 attempts; a dead-letter store outage only delays it', async () => {
    const [bad, good] = [ev(G1, 'GUILD_MEMBER_ADD'), ev(G1)];
    answer = async (_g, list) => ({ processed: list.length - 1, failed: list.filter((e) => e.eventId === bad.id).map((e) => ({ eventId: e.eventId, error: 'DiscordAPIError: 503' })) });
    lettersDown = true;
    accept([bad, good]);
    for (let i = 0; i < 6; i++) {
      await drain();
      clock += 16 * 60_000;
    }
    expect(rpcs.filter((r) => r.ids.includes(bad.id))).toHaveLength(5);
    expect(rpcs.filter((r) => r.ids.includes(good.id))).toHaveLength(1);
    expect(letters).toEqual([]);
    lettersDown = false;
    await drain();
    expect(letters.map((l) => [l.eventId, l.error])).toEqual([[bad.id, 'DiscordAPIError: 503']]);

    // The dashboard's retry puts it back: delivered again once.
    answer = ok;
    inbox.redeliver({ eventId: bad.id, guildId: G1, type: bad.type, payload: letters[0]!.payload });
    await drain();
    expect(rpcs.filter((r) => r.ids.includes(bad.id))).toHaveLength(6);
    expect(inbox.pending()).toBe(0);
  });

  it('sets aside at once the events of a guild id no hub can have, without holding up the others', async () => {
    const [odd, fine] = [ev('1'), ev(G1)];
    accept([odd, fine]);
    await drain();
    await drain();
    expect(letters.map((l) => [l.eventId, l.error])).toEqual([[odd.id, 'Error: Guild id must be a Discord id']]);
    expect(deliveredIds()).toEqual([fine.id]);
    expect(inbox.pending()).toBe(0);
  });

  it('prunes delivered events after the retention: until then a re-sent event is still a no-op', async () => {
    const e = ev(G1);
    accept([e]);
    await drain();
    clock += 30 * 60_000;
    expect(accept([e]).stored).toBe(0);
    const run = await inbox.deliver();
    expect(run.nextAt).toBe(clock - 30 * 60_000 + 3_600_000 + PRUNE_GRACE_MS + 60_000);
    clock += 31 * 60_000 + PRUNE_GRACE_MS;
    await inbox.deliver();
    // The first batch is gone; the re-sent one (its nonce, nothing new) goes when its own retention ends.
    expect(sql.exec<{ n: number }>('SELECT count(*) AS n FROM batches').toArray()[0]!.n).toBe(1);
    expect(accept([e]).stored).toBe(1);
    clock += 3 * 3_600_000;
    await inbox.deliver();
    expect(sql.exec<{ n: number }>('SELECT count(*) AS n FROM batches').toArray()[0]!.n).toBe(0);
    expect(rpcs).toHaveLength(2);
  });

  it('delivers a batch that arrives after every earlier one was pruned, in this object or a restarted one', async () => {
    accept([ev(G1)]);
    await drain();
    clock += 3 * 3_600_000;
    await inbox.deliver();
    expect(sql.exec<{ n: number }>('SELECT count(*) AS n FROM batches').toArray()[0]!.n).toBe(0);
    const later = ev(G1);
    accept([later]);
    await drain();
    expect(deliveredIds(G1).at(-1)).toBe(later.id);
    clock += 3 * 3_600_000;
    await inbox.deliver();
    // A new instance on the same storage (the object was evicted): its batches still come after the cursor.
    inbox = new InboxCore({ sql, now: () => clock, retentionMs: 3_600_000, log: createLogger({}, () => {}), isHeavy: () => false, hub: (guildId) => ({ processEvents: async (events) => (rpcs.push({ guildId, ids: events.map((e) => e.eventId) }), ok(guildId, events)) }), setAside: async () => {} });
    const afterRestart = ev(G1);
    accept([afterRestart]);
    await drain();
    expect(deliveredIds(G1).at(-1)).toBe(afterRestart.id);
  });

  it('steady traffic: a batch costs two rows written (its row, reusing one past the retention, and the cursor), the table stays bounded', async () => {
    let written = 0;
    const exec = sql.exec.bind(sql);
    sql.exec = ((q: string, ...b: never[]) => {
      const r = exec(q, ...b);
      written += r.rowsWritten;
      return r;
    }) as typeof sql.exec;
    const batchOf = () => [ev(G1), ev(G2), ev(G1)];
    // A first retention's worth of batches, one a minute.
    for (let i = 0; i < 70; i++) {
      accept(batchOf());
      await drain();
      clock += 60_000;
    }
    const rows = sql.exec<{ n: number }>('SELECT count(*) AS n FROM batches').toArray()[0]!.n;
    written = 0;
    const sent: string[] = [];
    for (let i = 0; i < 50; i++) {
      const b = batchOf();
      sent.push(...b.map((e) => e.id));
      accept(b);
      await drain();
      clock += 60_000;
    }
    expect(written).toBe(2 * 50);
    expect(sql.exec<{ n: number }>('SELECT count(*) AS n FROM batches').toArray()[0]!.n).toBe(rows);
    expect(deliveredIds().slice(-sent.length).sort()).toEqual([...sent].sort());
    // A re-sent event within the retention is still recognized.
    expect(accept([{ ...ev(G1), id: sent.at(-1)! }]).stored).toBe(0);
  });
});

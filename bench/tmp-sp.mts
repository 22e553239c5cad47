import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Spool } from '../gateway-shard/src/Spool';
const payload = JSON.stringify({ id: '1234567890123456789', channel_id: '1234567890123456789', content: 'x'.repeat(200), author: { id: '1', username: 'u' } });
const res: Record<number, number[]> = { 1024: [], 16000: [] };
for (let rep = 0; rep < 6; rep++) for (const cacheKb of [1024, 16000]) {
  const dir = mkdtempSync(join(tmpdir(), 'sp-'));
  const spool = new Spool(join(dir, 's.sqlite'), { cacheKb });
  const t0 = performance.now();
  const count = 30000;
  for (let i = 1; i <= count; i++) spool.store({ eventId: `MESSAGE_CREATE:${i}`, shardId: 0, type: 'MESSAGE_CREATE', guildId: '1', payload, priority: false, receivedAt: Date.now() }, { shardId: 0, shardCount: 1, sessionId: 's', resumeURL: 'ws://x', sequence: i });
  res[cacheKb]!.push(Math.round(count / ((performance.now() - t0) / 1000)));
  spool.close(); rmSync(dir, { recursive: true });
}
for (const [k, v] of Object.entries(res)) console.log(k, v.join(' '), 'median', [...v].sort((a, b) => a - b)[3]);

import { describe, expect, it } from 'vitest';
import { createLogger } from './log';

describe('createLogger', () => {
  it('redacts secret-looking fields, in bound fields and children too', () => {
    const lines: string[] = [];
    const log = createLogger({ service: 'shard', shardSecret: 's3cret' }, (l) => lines.push(l));
    log.child({ botToken: 'Bot abc' }).warn('delivery failed', { Authorization: 'Bot abc', content: 'hello', status: 502 });
    const line = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(line).toMatchObject({ level: 'warn', msg: 'delivery failed', service: 'shard', status: 502, shardSecret: '[redacted]', botToken: '[redacted]', Authorization: '[redacted]', content: '[redacted]' });
    expect(lines[0]).not.toMatch(/s3cret|abc|hello/);
  });

  it('drops lines below its level', () => {
    const lines: string[] = [];
    const log = createLogger({}, (l) => lines.push(l), 'info');
    log.debug('noise');
    log.info('kept');
    expect(lines.map((l) => (JSON.parse(l) as { msg: string }).msg)).toEqual(['kept']);
  });
});

import { describe, expect, it } from 'vitest';
import { sqliteLocalStore } from '../../../platform/testing/sqliteLocalStore';
import { loggingModule } from '../../logging';
import { automodConfigSchema } from '../config';
import { applyPreset } from '../presets';
import { testRules } from './testRules';

/**
 * The dry-run rule tester: a draft rule set on pasted text and on the messages Logging keeps,
 * saying what would be caught, by which rule, with which action; and the presets it starts from.
 */
const now = Date.parse('2026-11-30T12:00:00Z');
const draft = automodConfigSchema.parse({
  native: { keywords: { enabled: true, words: ['scam*'], allowList: ['scampi'], timeoutSeconds: 600 }, regex: { enabled: true, patterns: ['buy\\s+gold'] }, mentions: { enabled: true, limit: 2 } },
  rules: {
    rate: { enabled: true, messages: 3, seconds: 5, action: 'timeout' },
    invites: { enabled: true, action: 'warn' },
    caps: { enabled: true, percent: 70, minLength: 8, action: 'delete' },
    emoji: { enabled: true, max: 2, action: 'log', maxAccountAgeDays: 7 },
  },
});
const caught = (texts: string[], accountAgeDays = 365) =>
  testRules(draft, texts.map((text) => ({ text })), { now, accountAgeDays }).map((r) => r.caught.map((c) => `${c.by}:${c.rule}:${c.action}`));

describe('rule tester', () => {
  it('says which rule would catch each pasted message, Discord’s or ours, with its action', () => {
    expect(caught(['hello there', 'total scammer', 'scampi for dinner', 'BUY  GOLD NOW', 'come to discord.gg/xyz', '<@111111111111111111> <@222222222222222222> <@&333333333333333333>'])).toEqual([
      [], ['discord:Blocked words:Blocked by Discord + 10 min timeout'], [], ['discord:Blocked patterns:Blocked by Discord', 'bot:rate:timeout', 'bot:caps:delete'], ['bot:rate:timeout', 'bot:invites:warn'], ['discord:Mention spam:Blocked by Discord', 'bot:rate:timeout'],
    ]);
  });

  it('applies conditions as the hub does: account age from the pasted author, windows across the samples', () => {
    expect(caught(['🎉🎉🎉'], 365)).toEqual([[]]);
    expect(caught(['🎉🎉🎉'], 2)).toEqual([['bot:emoji:log']]);
    const flood = caught(['a', 'b', 'c', 'd']);
    expect(flood.map((x) => x.length)).toEqual([0, 0, 0, 1]);
  });

  it('runs on the messages Logging keeps, newest kept last, each at its latest version', () => {
    const local = sqliteLocalStore();
    const at = (ms: number) => String(BigInt(ms - 1_420_070_400_000) << 22n);
    const logging = loggingModule;
    const keep = (id: string, content: string, version: number) => ({ id, authorId: '42', authorName: 'Ann', content, createdAt: 0, version });
    // The retention Logging last recorded bounds what the tester may read.
    local.query('CREATE TABLE IF NOT EXISTS logging_meta (k TEXT PRIMARY KEY, v INTEGER NOT NULL)');
    local.query(`INSERT INTO logging_meta (k, v) VALUES ('retention', ?)`, 3_600_000);
    const fresh = Date.now();
    const ids = [at(fresh - 3000), at(fresh - 2000), at(fresh - 7_200_000)];
    return import('../../logging/content/sliceStore').then(({ sliceStore }) => {
      sliceStore.keep(local, [keep(ids[0]!, 'hello', 1), keep(ids[1]!, 'FREE SCAMMY STUFF', 1), keep(ids[0]!, 'hello again', 2)]);
      sliceStore.keep(local, [keep(ids[2]!, 'too old', 1)]);
      const read = logging.readLocal!({ guildId: 'g', local, now: new Date() }, { recent: 10 }) as { recent: { id: string; content: string; authorId: string }[] };
      expect(read.recent.map((m) => m.content)).toEqual(['hello again', 'FREE SCAMMY STUFF']);
      const results = testRules(draft, read.recent.map((m) => ({ text: m.content, id: m.id, authorId: m.authorId })), { now, accountAgeDays: 365 });
      expect(results.map((r) => r.caught.map((c) => c.rule))).toEqual([[], ['Blocked words', 'caps']]);
    });
  });

  it('presets are valid configs, stricter step by step, keeping the server’s log channel and exemptions', () => {
    const mine = automodConfigSchema.parse({ logChannelId: '123456789012345678', native: { exemptRoles: ['223456789012345678'] } });
    const light = applyPreset('light', mine);
    const standard = applyPreset('standard', mine);
    const strict = applyPreset('strict', mine);
    for (const p of [light, standard, strict]) {
      expect(automodConfigSchema.safeParse(p).success).toBe(true);
      expect(p.logChannelId).toBe('123456789012345678');
      expect(p.native.exemptRoles).toEqual(['223456789012345678']);
    }
    const on = (c: typeof light) => Object.values(c.rules).filter((r) => r.enabled).length;
    expect(on(light)).toBeLessThan(on(standard));
    expect(on(standard)).toBeLessThan(on(strict));
    expect(light.raid.joins).toBeGreaterThan(strict.raid.joins);
  });
});

import { AutoModerationActionType as A, AutoModerationRuleEventType as Ev, AutoModerationRuleTriggerType as T, type APIAutoModerationRule } from 'discord-api-types/v10';
import { guildModules, guilds } from '@edge/drizzle/schema';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { automodModule } from '../definition';
import { automodHarness, type AutomodHarness } from '../testing/automodHarness';
import { NATIVE_NAMES } from './nativeRules';
import { syncAllGuilds } from './lifecycle';

/**
 * Native rules through the simulator's Discord AutoMod: created from the config, updated,
 * deleted, drift put back (on Discord's rule events and by the cron), and their executions
 * turned into Moderation cases and log entries.
 */
let h: AutomodHarness;
let logChannel: string;
beforeAll(async () => {
  h = await automodHarness();
  logChannel = ((await h.rest.post(`/guilds/${h.guildId}/channels`, { body: { name: 'automod-log', type: 0 } })) as { id: string }).id;
});
afterAll(() => h?.close());
beforeEach(() => h.clear());

const ours = () => h.sim.state.autoMod.list(h.guildId).filter((r) => r.creator_id === h.sim.app.botUserId);
const byName = (name: string) => ours().find((r) => r.name === name)!;
const full = (over: Record<string, unknown> = {}) => h.config({
  logChannelId: null,
  native: {
    keywords: { enabled: true, words: ['darn', 'scam*'], allowList: ['scampi'], timeoutSeconds: 120 },
    regex: { enabled: true, patterns: ['buy\\s+gold'] },
    spam: { enabled: true },
    mentions: { enabled: true, limit: 3 },
    profile: { enabled: true, words: ['*nitro*'] },
    blockMessage: 'Not here, please.',
    ...over,
  },
});

describe('native rule sync', () => {
  it('creates one Discord rule per native rule on enable, shaped as Discord answers them', async () => {
    await automodModule.onEnable!(h.lifecycle(full()));
    expect(ours().map((r) => [r.name, r.trigger_type, r.event_type, r.enabled]).sort()).toEqual([
      [NATIVE_NAMES.regex, T.Keyword, Ev.MessageSend, true], [NATIVE_NAMES.keywords, T.Keyword, Ev.MessageSend, true],
      [NATIVE_NAMES.profile, T.MemberProfile, Ev.MemberUpdate, true], [NATIVE_NAMES.mentions, T.MentionSpam, Ev.MessageSend, true],
      [NATIVE_NAMES.spam, T.Spam, Ev.MessageSend, true],
    ].sort());
    expect(byName(NATIVE_NAMES.keywords)).toMatchObject({
      trigger_metadata: { keyword_filter: ['darn', 'scam*'], allow_list: ['scampi'] },
      actions: [{ type: A.BlockMessage, metadata: { custom_message: 'Not here, please.' } }, { type: A.Timeout, metadata: { duration_seconds: 120 } }],
    });
    expect(byName(NATIVE_NAMES.mentions).trigger_metadata).toMatchObject({ mention_total_limit: 3 });
  });

  it('updates changed rules and deletes rules turned off, and leaves rules made by others alone', async () => {
    const admins = h.sim.state.autoMod.create(h.guildId, h.sim.demo.ownerId, { name: 'Admin rule', event_type: Ev.MessageSend, trigger_type: T.Keyword, trigger_metadata: { keyword_filter: ['x'] }, actions: [{ type: A.BlockMessage }], enabled: true });
    const before = byName(NATIVE_NAMES.keywords).id;
    await automodModule.onConfigChange!(h.lifecycle(full({ keywords: { enabled: true, words: ['heck'], timeoutSeconds: 0 }, spam: { enabled: false }, regex: { enabled: false } })), full());
    expect(ours().map((r) => r.name).sort()).toEqual([NATIVE_NAMES.keywords, NATIVE_NAMES.mentions, NATIVE_NAMES.profile].sort());
    expect(byName(NATIVE_NAMES.keywords)).toMatchObject({ id: before, trigger_metadata: { keyword_filter: ['heck'] }, actions: [{ type: A.BlockMessage }] });
    expect(h.sim.state.autoMod.get(h.guildId, admins.id).name).toBe('Admin rule');
  });

  it('puts back a rule edited or deleted in Discord when its event comes (drift repaired), and the cron catches what events missed', async () => {
    const config = full({ keywords: { enabled: true, words: ['heck'], timeoutSeconds: 0 }, spam: { enabled: false }, regex: { enabled: false } });
    const kw = byName(NATIVE_NAMES.keywords);
    h.clear();
    h.sim.state.autoMod.update(h.guildId, kw.id, { enabled: false, trigger_metadata: { keyword_filter: [] } });
    h.sim.state.autoMod.delete(h.guildId, byName(NATIVE_NAMES.mentions).id);
    await h.events(config);
    expect(byName(NATIVE_NAMES.keywords)).toMatchObject({ enabled: true, trigger_metadata: { keyword_filter: ['heck'] } });
    expect(byName(NATIVE_NAMES.mentions)).toBeTruthy();
    expect(h.reports.some((r) => r.kind === 'automod.drift_repaired')).toBe(true);
    // Drift the bot never heard of (the simulator's store changed quietly): the hourly cron.
    h.sim.state.quietly(() => h.sim.state.autoMod.update(h.guildId, byName(NATIVE_NAMES.profile).id, { name: 'renamed by someone' }));
    await h.db.insert(guilds).values({ id: h.guildId, name: 'Demo' }).onConflictDoNothing();
    await h.db.insert(guildModules).values({ guildId: h.guildId, moduleId: 'automod', enabled: true, config });
    const repaired = await syncAllGuilds({ env: {} as never, appConfig: h.appConfig, db: h.db, log: h.log, now: new Date(), rest: h.rest, jobs: { schedule: async () => {} } });
    expect(repaired).toBe(1);
    expect(ours().map((r) => r.name).sort()).toEqual([NATIVE_NAMES.keywords, NATIVE_NAMES.mentions, NATIVE_NAMES.profile].sort());
  });

  it('turns executions into cases and log entries: Discord’s timeout a timeout case, a block a warning when configured', async () => {
    const config = full({ keywords: { enabled: true, words: ['darn'], timeoutSeconds: 300 }, warnOnBlock: true });
    await automodModule.onConfigChange!(h.lifecycle(config), full());
    const member = h.sim.demo.memberIds[2]!;
    h.clear();
    expect(() => h.sim.state.messages.create(h.sim.demo.channels.general!, { authorId: member, content: 'well darn it' })).toThrow(/blocked/);
    await h.events({ ...config, logChannelId: logChannel });
    const list = await h.cases(member);
    expect(list.map((c) => [c.type, c.source, c.durationSeconds]).sort()).toEqual([['timeout', 'automod', 300], ['warn', 'automod', null]]);
    expect(list.every((c) => c.reason?.includes('matched “darn”'))).toBe(true);
    const posts = (h.sim.state.data.messages[logChannel] ?? []).flatMap((m) => m.embeds);
    expect(posts.map((e) => e.title)).toEqual(['Discord AutoMod · keywords', 'Discord AutoMod · keywords']);
    expect(posts[0]!.description).toContain('well darn it');
  });

  it('deletes every rule it made when the module is turned off', async () => {
    await automodModule.onDisable!(h.lifecycle(full()));
    expect(ours()).toEqual([]);
    expect(h.sim.state.autoMod.list(h.guildId).map((r: APIAutoModerationRule) => r.name)).toEqual(['Admin rule']);
  });
});

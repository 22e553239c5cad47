import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DiscordAPIError, REST } from '@discordjs/rest';
import {
  AutoModerationActionType as A,
  AutoModerationRuleEventType as Ev,
  AutoModerationRuleTriggerType as T,
  GatewayDispatchEvents as E,
  Routes,
  type APIAutoModerationRule,
  type GatewayAutoModerationActionExecutionDispatchData,
} from 'discord-api-types/v10';
import * as spec from 'discord-api-spec/zod';
import { startSimulator, type Simulator, type SimDispatch } from '../index.js';

let sim: Simulator;
let rest: REST;
let events: SimDispatch[] = [];

type Schema = { safeParse(v: unknown): { success: boolean; error?: { issues: unknown[] } } };
function valid(schema: Schema | undefined, data: unknown): void {
  if (!schema) throw new Error('schema missing from discord-api-spec');
  const r = schema.safeParse(data);
  expect(r.success ? [] : r.error!.issues).toEqual([]);
}

beforeAll(async () => {
  sim = await startSimulator({ port: 0, members: 10, seed: 16 });
  rest = new REST({ api: sim.api, retries: 0 }).setToken(sim.application.botToken);
  sim.state.on('dispatch', (e) => events.push(e));
});
afterAll(async () => {
  await sim?.stop();
});
beforeEach(async () => {
  for (const r of sim.state.autoMod.list(sim.guildId)) sim.state.autoMod.delete(sim.guildId, r.id);
  events = [];
});

const channel = (name: string) => Object.values(sim.state.data.channels).find((x) => 'name' in x && x.name === name && 'guild_id' in x && x.guild_id === sim.guildId)!.id;
const humans = () => Object.keys(sim.state.guild(sim.guildId).members).filter((id) => id !== sim.owner.id && id !== sim.application.botUserId && !sim.state.data.users[id]?.bot);
const rules = Routes.guildAutoModerationRules;
const create = (body: unknown) => rest.post(rules(sim.guildId), { body }) as Promise<APIAutoModerationRule>;
const executions = () => events.filter((e) => e.t === E.AutoModerationActionExecution).map((e) => e.d as GatewayAutoModerationActionExecutionDispatchData);
/** Posts as a member; returns the message, or the Discord error code when it was refused. */
function say(userId: string, content: string, channelId = channel('general')): string | number {
  try {
    return sim.state.messages.create(channelId, { authorId: userId, content }).id;
  } catch (err) {
    return (err as { code: number }).code;
  }
}

describe('AutoMod rules, shaped as in discord-api-spec', () => {
  it('creates, lists, updates and deletes rules, each with its gateway dispatch', async () => {
    const kw = await create({ name: 'Words', event_type: Ev.MessageSend, trigger_type: T.Keyword, trigger_metadata: { keyword_filter: ['badword'] }, actions: [{ type: A.BlockMessage }], enabled: true });
    valid(spec.KeywordRuleResponseSchema, kw);
    expect(kw.creator_id).toBe(sim.application.botUserId);
    const ms = await create({ name: 'Mentions', event_type: Ev.MessageSend, trigger_type: T.MentionSpam, trigger_metadata: { mention_total_limit: 3 }, actions: [{ type: A.BlockMessage }], enabled: true });
    valid(spec.MentionSpamRuleResponseSchema, ms);
    valid(spec.MLSpamRuleResponseSchema, await create({ name: 'Spam', event_type: Ev.MessageSend, trigger_type: T.Spam, actions: [{ type: A.BlockMessage }], enabled: true }));
    valid(spec.UserProfileRuleResponseSchema, await create({ name: 'Names', event_type: Ev.MemberUpdate, trigger_type: T.MemberProfile, trigger_metadata: { keyword_filter: ['scam*'] }, actions: [{ type: A.BlockMemberInteraction }], enabled: true }));
    expect(((await rest.get(rules(sim.guildId))) as APIAutoModerationRule[]).map((r) => r.name)).toEqual(['Words', 'Mentions', 'Spam', 'Names']);
    const edited = (await rest.patch(Routes.guildAutoModerationRule(sim.guildId, kw.id), { body: { trigger_metadata: { keyword_filter: ['other'] }, enabled: false } })) as APIAutoModerationRule;
    expect(edited).toMatchObject({ enabled: false, trigger_type: T.Keyword, trigger_metadata: { keyword_filter: ['other'] } });
    await rest.delete(Routes.guildAutoModerationRule(sim.guildId, kw.id));
    const err = await rest.get(Routes.guildAutoModerationRule(sim.guildId, kw.id)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DiscordAPIError);
    expect((err as DiscordAPIError).status).toBe(404);
    expect(events.map((e) => e.t)).toEqual([E.AutoModerationRuleCreate, E.AutoModerationRuleCreate, E.AutoModerationRuleCreate, E.AutoModerationRuleCreate, E.AutoModerationRuleUpdate, E.AutoModerationRuleDelete]);
  });

  it('refuses what Discord refuses: a second spam rule, a timeout on a spam rule, a bad regex', async () => {
    await create({ name: 'Spam', event_type: Ev.MessageSend, trigger_type: T.Spam, actions: [{ type: A.BlockMessage }] });
    const codes = await Promise.all([
      create({ name: 'Spam 2', event_type: Ev.MessageSend, trigger_type: T.Spam, actions: [{ type: A.BlockMessage }] }),
      create({ name: 'Kw', event_type: Ev.MessageSend, trigger_type: T.Spam, actions: [{ type: A.Timeout, metadata: { duration_seconds: 60 } }] }),
      create({ name: 'Re', event_type: Ev.MessageSend, trigger_type: T.Keyword, trigger_metadata: { regex_patterns: ['(unclosed'] }, actions: [{ type: A.BlockMessage }] }),
    ].map((p) => p.then(() => 0, (e: DiscordAPIError) => e.code)));
    expect(codes).toEqual([50035, 50035, 50035]);
  });
});

describe('AutoMod enforcement', () => {
  it('keyword and regex rules block matching messages (whole words, wildcards, allow list), alert and time out; each action emits its execution', async () => {
    const [a, b] = humans();
    const alerts = channel('off-topic');
    const rule = await create({
      name: 'Words', event_type: Ev.MessageSend, trigger_type: T.Keyword, enabled: true,
      trigger_metadata: { keyword_filter: ['darn', 'heck*'], regex_patterns: ['buy\\s+gold'], allow_list: ['heckin'] },
      actions: [{ type: A.BlockMessage }, { type: A.SendAlertMessage, metadata: { channel_id: alerts } }, { type: A.Timeout, metadata: { duration_seconds: 120 } }],
    });
    expect(say(a!, 'well darn it')).toBe(200000);
    expect(typeof say(a!, 'darned good')).toBe('string'); // whole word only
    expect(say(b!, 'what the heckler')).toBe(200000); // prefix wildcard
    expect(typeof say(b!, 'heckin good')).toBe('string'); // allow list
    expect(say(b!, 'BUY  GOLD now')).toBe(200000);
    const ex = executions();
    expect(ex.length).toBe(9);
    expect(ex.filter((x) => x.action.type === A.BlockMessage).map((x) => [x.user_id, x.matched_keyword, x.matched_content])).toEqual([[a, 'darn', 'darn'], [b, 'heck*', 'heckler'], [b, 'buy\\s+gold', 'BUY  GOLD']]);
    expect(ex.every((x) => x.rule_id === rule.id && x.rule_trigger_type === T.Keyword && x.channel_id === channel('general') && !x.message_id)).toBe(true);
    expect(ex.filter((x) => x.action.type === A.SendAlertMessage).every((x) => sim.state.data.messages[alerts]!.some((m) => m.id === x.alert_system_message_id))).toBe(true);
    expect(Date.parse(sim.state.member(sim.guildId, a!).communication_disabled_until!)).toBeGreaterThan(Date.now() + 100_000);
    expect(sim.state.data.messages[channel('general')]!.some((m) => m.content.includes('darn it'))).toBe(false);
  });

  it('spam and mention-spam rules block; exempt channels, exempt roles and Manage Server holders are not checked', async () => {
    const [a, , c] = humans();
    const lounge = channel('memes');
    const role = sim.state.roles.create(sim.guildId, { name: 'Trusted' });
    sim.state.members.update(sim.guildId, c!, { roles: [role.id] });
    await create({ name: 'Spam', event_type: Ev.MessageSend, trigger_type: T.Spam, actions: [{ type: A.BlockMessage }], enabled: true, exempt_channels: [lounge] });
    await create({ name: 'Mentions', event_type: Ev.MessageSend, trigger_type: T.MentionSpam, trigger_metadata: { mention_total_limit: 2 }, actions: [{ type: A.BlockMessage }], enabled: true, exempt_roles: [role.id] });
    const three = humans().slice(0, 3).map((id) => `<@${id}>`).join(' ');
    expect([say(a!, 'FREE NITRO here'), say(a!, 'free nitro', lounge), say(a!, three), say(c!, three), say(sim.owner.id, 'free nitro')].map((x) => typeof x === 'number' ? x : 'posted'))
      .toEqual([200000, 'posted', 200000, 'posted', 'posted']);
    expect(executions().map((x) => x.rule_trigger_type)).toEqual([T.Spam, T.MentionSpam]);
  });

  it('member profile rules check names on join and on a nickname change', async () => {
    await create({ name: 'Names', event_type: Ev.MemberUpdate, trigger_type: T.MemberProfile, trigger_metadata: { keyword_filter: ['*scam*'] }, actions: [{ type: A.BlockMemberInteraction }], enabled: true });
    const u = sim.state.users.create({ username: 'freescammer' });
    sim.state.members.add(sim.guildId, u.id);
    const [a] = humans();
    sim.state.members.update(sim.guildId, a!, { nick: 'not a scam' });
    expect(executions().map((x) => [x.user_id, x.rule_trigger_type, x.action.type])).toEqual([[u.id, T.MemberProfile, A.BlockMemberInteraction], [a, T.MemberProfile, A.BlockMemberInteraction]]);
  });

  it('pauses invites through incident actions, at most 24 hours ahead', async () => {
    const until = new Date(Date.now() + 3_600_000).toISOString();
    await rest.put(`/guilds/${sim.guildId}/incident-actions`, { body: { invites_disabled_until: until } });
    expect(sim.state.guild(sim.guildId).incidents?.invites_disabled_until).toBe(until);
    const far = new Date(Date.now() + 48 * 3_600_000).toISOString();
    expect(await rest.put(`/guilds/${sim.guildId}/incident-actions`, { body: { invites_disabled_until: far } }).then(() => 0, (e: DiscordAPIError) => e.code)).toBe(50035);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { REST } from '@discordjs/rest';
import { CompressionMethod, WebSocketManager, WebSocketShardEvents, type SessionInfo } from '@discordjs/ws';
import { ApplicationFlags, GatewayDispatchEvents as E, GatewayIntentBits as I, type GatewayDispatchPayload } from 'discord-api-types/v10';
import { startGatewayHarness, type GatewayHarness } from './testing/startGatewayHarness.js';
import { Scenario } from '../scenario/index.js';
import type { ScenarioEvent } from '../scenario/index.js';

const ALL_SCENARIO_INTENTS = I.Guilds | I.GuildMembers | I.GuildMessages | I.MessageContent | I.GuildMessageReactions | I.GuildVoiceStates;
const PRIVILEGED = ApplicationFlags.GatewayGuildMembers | ApplicationFlags.GatewayMessageContent;

/** The dispatch each scenario event produces, and the id that identifies it. */
function expectedOf(e: ScenarioEvent): string {
  switch (e.type) {
    case 'message': return `MESSAGE_CREATE:${e.messageId}`;
    case 'reaction': return `MESSAGE_REACTION_ADD:${e.messageId}:${e.userId}`;
    case 'join': return `GUILD_MEMBER_ADD:${e.userId}`;
    case 'leave': return `GUILD_MEMBER_REMOVE:${e.userId}`;
    default: return `VOICE_STATE_UPDATE:${e.userId}`;
  }
}
function keyOf(p: GatewayDispatchPayload): string {
  switch (p.t) {
    case E.MessageCreate: return `${p.t}:${p.d.id}`;
    case E.MessageReactionAdd: return `${p.t}:${p.d.message_id}:${p.d.user_id}`;
    case E.GuildMemberAdd:
    case E.GuildMemberRemove: return `${p.t}:${p.d.user.id}`;
    case E.VoiceStateUpdate: return `${p.t}:${p.d.user_id}`;
    default: return p.t;
  }
}

async function waitFor(pred: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('@discordjs/ws against the simulator', () => {
  let h: GatewayHarness | undefined;
  let manager: WebSocketManager | undefined;
  afterEach(async () => {
    try {
      await manager?.destroy();
    } catch {
      // already closed by the test
    }
    await h?.close();
    manager = undefined;
    h = undefined;
  });

  /** A manager with its own session store (the default one is shared by the whole process). */
  function makeManager(harness: GatewayHarness, intents: number, extra: Record<string, unknown> = {}) {
    const sessions = new Map<number, SessionInfo>();
    const m = new WebSocketManager({
      token: harness.app.botToken,
      intents,
      rest: new REST({ api: harness.api }).setToken(harness.app.botToken),
      retrieveSessionInfo: (id) => sessions.get(id) ?? null,
      updateSessionInfo: (id, info) => void (info ? sessions.set(id, info) : sessions.delete(id)),
      ...extra,
    });
    const dispatches: GatewayDispatchPayload[] = [];
    m.on(WebSocketShardEvents.Dispatch, (p) => void dispatches.push(p));
    return { m, dispatches };
  }

  it('resumes after the socket is dropped mid-stream and receives exactly the missed events', async () => {
    h = await startGatewayHarness({ appFlags: PRIVILEGED });
    const { m, dispatches } = makeManager(h, ALL_SCENARIO_INTENTS);
    manager = m;
    await m.connect();
    await waitFor(() => dispatches.some((p) => p.t === 'GUILD_CREATE'));
    const scenario = new Scenario(h.state, { seed: 7, guildIds: [h.demo.guildId], record: true });
    const resumed = new Promise((r) => m.once(WebSocketShardEvents.Resumed, r));

    scenario.start(400);
    await waitFor(() => scenario.tally.total >= 60);
    const dropped = h.gateway.dropConnections();
    await waitFor(() => scenario.tally.total >= 160);
    await resumed;
    await waitFor(() => scenario.tally.total >= 220);
    scenario.stop();
    await waitFor(() => dispatches.filter((p) => !['READY', 'GUILD_CREATE', 'RESUMED'].includes(p.t)).length >= scenario.events.length);
    await new Promise((r) => setTimeout(r, 100));

    expect(dropped).toBe(1);
    expect(h.gateway.counters).toMatchObject({ identifies: 1, resumes: 1 });
    expect(h.gateway.counters.replayed).toBeGreaterThan(0);
    const received = dispatches.filter((p) => !['READY', 'GUILD_CREATE', 'RESUMED'].includes(p.t));
    expect(received.map(keyOf)).toEqual(scenario.events.map(expectedOf));
    // One ordered sequence: every s once, no gap but the one RESUMED took.
    const seqs = dispatches.map((p) => p.s);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(seqs.at(-1)).toBe(seqs.length);
  });

  it('privileged intents not enabled → close 4014, surfaced as an error', async () => {
    h = await startGatewayHarness({ appFlags: 0 });
    const { m } = makeManager(h, I.Guilds | I.GuildMembers);
    manager = m;
    const closed = new Promise<number>((r) => m.once(WebSocketShardEvents.Closed, (code) => r(code)));
    const error = new Promise<Error>((r) => m.once(WebSocketShardEvents.Error, (e) => r(e)));
    void m.connect().catch(() => {});
    expect(await closed).toBe(4014);
    expect((await error).message).toMatch(/disallowed intents/i);
  });

  it('handles op 7 Reconnect (resume) and op 9 Invalid Session, resumable or not', async () => {
    h = await startGatewayHarness({ appFlags: PRIVILEGED, gateway: { identifyWindowMs: 0 } });
    // Unthrottled identify so the op 9 (not resumable) re-identify does not wait 5 s.
    const { m, dispatches } = makeManager(h, I.Guilds | I.GuildMessages, { buildIdentifyThrottler: async () => ({ waitForIdentify: async () => {} }) });
    manager = m;
    await m.connect();
    const post = (content: string) => h!.state.messages.create(h!.demo.channels['general']!, { authorId: h!.demo.memberIds[0]!, content }).id;
    const gets = (id: string) => () => dispatches.some((p) => p.t === 'MESSAGE_CREATE' && p.d.id === id);

    expect(h.gateway.sendReconnect()).toBe(1);
    const afterReconnect = post('during reconnect');
    await waitFor(() => h!.gateway.counters.resumes === 1);
    await waitFor(gets(afterReconnect));

    expect(h.gateway.invalidateSessions(true)).toBe(1);
    const afterOp9 = post('during op 9 true');
    await waitFor(() => h!.gateway.counters.resumes === 2);
    await waitFor(gets(afterOp9));
    expect(h.gateway.counters.identifies).toBe(1);

    expect(h.gateway.invalidateSessions(false)).toBe(1);
    await waitFor(() => h!.gateway.counters.identifies === 2);
    await waitFor(() => dispatches.filter((p) => p.t === 'READY').length === 2);
    const afterReidentify = post('after new session');
    await waitFor(gets(afterReidentify));
    expect(h.gateway.sessions()).toHaveLength(1);
    expect(dispatches.filter((p) => p.t === 'MESSAGE_CREATE' && p.d.id === afterReconnect)).toHaveLength(1);
  });

  it('speaks zlib-stream transport compression when the client asks for it', async () => {
    h = await startGatewayHarness({ appFlags: PRIVILEGED });
    const { m, dispatches } = makeManager(h, I.Guilds | I.GuildMessages | I.MessageContent, { compression: CompressionMethod.ZlibNative });
    manager = m;
    await m.connect();
    const ids = [1, 2, 3].map((i) => h!.state.messages.create(h!.demo.channels['general']!, { authorId: h!.demo.memberIds[0]!, content: `zipped ${i}` }).id);
    await waitFor(() => dispatches.filter((p) => p.t === 'MESSAGE_CREATE').length === 3);
    expect(dispatches.map((p) => p.t)).toEqual(['READY', 'GUILD_CREATE', 'MESSAGE_CREATE', 'MESSAGE_CREATE', 'MESSAGE_CREATE']);
    expect(dispatches.slice(2).map((p) => (p.d as { id: string }).id)).toEqual(ids);
  });
});

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { MessageFlags, type APIMessage } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestVars, startLocalStack, startTestWorker, type LocalStack, type TestWorker } from '@edge/dev/testing';
import { startSimulator, type InteractionResult, type Simulator } from '@edge/simulator';
import { registry } from '../platform/registry';

const run = promisify(execFile);
const ROOT = new URL('../../../', import.meta.url).pathname;

/**
 * The real Worker in workerd (GuildHub Durable Object over the local Postgres/Redis/QStash
 * stack) and the Discord simulator playing Discord: it signs and posts interactions to the
 * Worker's `/interactions`, applies the answers, and records webhook edits and follow-ups.
 * The Worker serves every registered module plus the `lab` test module (deferral, failures).
 */
describe('interactions in workerd, driven by the simulator', () => {
  let sim: Simulator;
  let stack: LocalStack;
  let worker: TestWorker;
  let channelId: string;
  let members: string[];
  let memberIndex = 0;
  /** A fresh member for each scenario: one member's commands share a rate-limit budget (5 / 10 s). */
  const nextMember = () => members[memberIndex++]!;

  beforeAll(async () => {
    sim = await startSimulator({ members: 12, seed: 4 });
    stack = await startLocalStack();
    worker = await startTestWorker({
      vars: makeTestVars(stack, {
        DISCORD_PUBLIC_KEY: sim.application.publicKey,
        DISCORD_APPLICATION_ID: sim.application.id,
        DISCORD_BOT_TOKEN: sim.application.botToken,
        DISCORD_CLIENT_ID: sim.application.clientId,
        DISCORD_CLIENT_SECRET: sim.application.clientSecret,
        DISCORD_API_BASE: sim.api,
        BOT_OWNER_IDS: sim.owner.id,
      }),
      entrypoint: new URL('./testing/labWorker.ts', import.meta.url).pathname,
    });
    sim.interactions.setEndpoint(`${worker.url}/interactions`);
    channelId = Object.values(sim.state.data.channels).find((c) => 'name' in c && c.name === 'general')!.id;
    const guild = sim.state.guild(sim.guildId);
    members = Object.keys(guild.members).filter((id) => id !== sim.owner.id && id !== sim.application.botUserId && !sim.state.users.get(id).bot);
  }, 120_000);

  afterAll(async () => {
    await worker?.stop();
    await stack?.stop();
    await sim?.stop();
  });

  const command = (userId: string, name: string, extra: { subcommand?: string; options?: Record<string, string | number | boolean> } = {}) =>
    sim.interactions.send({ type: 'command', name, userId, channelId, ...extra });
  const answered = (r: InteractionResult) => {
    expect(r, `${r.reason}: ${r.detail}`).toMatchObject({ failed: false });
    return r.message!;
  };
  /** Polls the interaction's original response until `done` holds (deferred work finishes after the answer). */
  async function originalWhen(r: InteractionResult, done: (m: APIMessage) => boolean): Promise<APIMessage> {
    const find = () => {
      const id = r.record.originalMessageId;
      return r.record.ephemeral.find((m) => m.id === id) ?? sim.state.data.messages[channelId]?.find((m) => m.id === id);
    };
    for (let i = 0; i < 100; i++) {
      const m = find() as APIMessage | undefined;
      if (m && done(m)) return m;
      await new Promise((res) => setTimeout(res, 50));
    }
    throw new Error(`original response never completed: ${JSON.stringify(find())}`);
  }

  it('passes the endpoint validation probe: PING answered, invalid signatures refused with 401', async () => {
    const probe = await sim.interactions.probe();
    expect(probe.problems).toEqual([]);
    expect(probe.checks.find((c) => c.name === 'invalid_signature')).toMatchObject({ status: 401, ok: true });
    expect(probe.checks.map((c) => [c.name, c.status])).toEqual([['valid_ping', 200], ['invalid_signature', 401], ['tampered_body', 401], ['missing_headers', 401]]);
  });

  it('`npm run register -- --guild ID` writes the commands to the simulator', async () => {
    const env = {
      ...process.env,
      DISCORD_API_BASE: sim.api,
      DISCORD_APPLICATION_ID: sim.application.id,
      DISCORD_BOT_TOKEN: sim.application.botToken,
    };
    // --vars points at nothing: a developer's .dev.vars must not leak into the test.
    const { stdout } = await run('npm', ['run', '--silent', 'register', '--', '--guild', sim.guildId, '--vars', `${ROOT}.no-such-dev-vars`], { cwd: ROOT, env, timeout: 60_000 });
    expect(stdout).toContain(`Commands (guild ${sim.guildId}) at ${sim.api}`);
    expect(stdout).toMatch(/\+ \/help/);
    const res = await fetch(`${sim.api}/v10/applications/${sim.application.id}/guilds/${sim.guildId}/commands`, { headers: { authorization: `Bot ${sim.application.botToken}`, 'user-agent': 'DiscordBot (test, 1)' } });
    const names = ((await res.json()) as Array<{ name: string }>).map((c) => c.name).sort();
    // Every registered module's slash and user commands, read from the definitions (not from the
    // register script's own list), so a new module needs no line here.
    const declared = registry.all().flatMap((m) => [...(m.commands ?? []), ...(m.userCommands ?? [])].map((c) => c.data.name));
    expect(names).toEqual([...new Set(declared)].sort());
    expect(names).toEqual(expect.arrayContaining(['help', 'ping', 'about', 'plan', 'welcome', 'stats', 'ban', 'Ban']));
    expect(stdout).toContain(`Wrote ${names.length} commands.`);
    const again = await run('npm', ['run', '--silent', 'register', '--', '--guild', sim.guildId, '--vars', `${ROOT}.no-such-dev-vars`], { cwd: ROOT, env, timeout: 60_000 });
    expect(again.stdout).toContain(`0 added, 0 updated, 0 removed, ${names.length} unchanged`);
  }, 120_000);

  it("answers a member's /help, /ping and /about; /help's buttons page through", async () => {
    const member = nextMember();
    const help = answered(await command(member, 'help'));
    expect(help.flags! & MessageFlags.Ephemeral).toBeTruthy();
    expect(help.embeds[0]!.footer!.text).toBe('Page 1/2');
    const lines = (m: APIMessage) => m.embeds[0]!.fields!.flatMap((f) => f.value.split('\n'));
    const firstPage = lines(help);
    expect(firstPage[0]).toContain('/help');
    const buttons = () => (help.components![0] as { components: Array<{ custom_id: string; disabled?: boolean }> }).components;
    expect(buttons()[0]!.disabled).toBe(true);
    const next = await sim.interactions.send({ type: 'button', customId: buttons()[1]!.custom_id, messageId: help.id, userId: member, channelId });
    const page2 = answered(next);
    expect(page2.id).toBe(help.id);
    expect(page2.embeds[0]!.footer!.text).toBe('Page 2/2');
    expect(lines(page2).join('\n')).toContain('/lab');
    expect(buttons()[1]!.disabled).toBe(true);
    const back = await sim.interactions.send({ type: 'button', customId: buttons()[0]!.custom_id, messageId: help.id, userId: member, channelId });
    expect(lines(answered(back))).toEqual(firstPage);

    const ping = answered(await command(member, 'ping'));
    expect(ping.content).toMatch(/^🏓 Pong! Round trip: \d+ ms · hub: [\d.]+ ms$/);
    const about = answered(await command(member, 'about'));
    expect(about.embeds[0]!.fields![2]).toMatchObject({ name: 'Modules on in this server' });
    expect(about.embeds[0]!.fields![2]!.value).toContain('Core');
    expect(about.embeds[0]!.fields![2]!.value).not.toContain('Welcome');
  });

  it('completes a deferred command by editing @original', async () => {
    const slow = await command(nextMember(), 'lab', { subcommand: 'slow' });
    expect([slow.failed, slow.callbackType, slow.ephemeral]).toEqual([false, 5, true]);
    const done = await originalWhen(slow, (m) => !((m.flags ?? 0) & MessageFlags.Loading));
    expect(done.content).toBe('slow done');
    expect(slow.record.followUps).toEqual([]);
  });

  it('tells the member what failed when a handler throws, at once or after deferring', async () => {
    const member = nextMember();
    const boom = answered(await command(member, 'lab', { subcommand: 'boom' }));
    expect(boom.flags! & MessageFlags.Ephemeral).toBeTruthy();
    expect(boom.content).toMatch(/^⚠️ Something went wrong while running \/lab boom\. Reference: `[0-9a-f-]{36}`$/);
    const later = await command(member, 'lab', { subcommand: 'boomlater' });
    expect([later.failed, later.callbackType]).toEqual([false, 5]);
    const failed = await originalWhen(later, (m) => !((m.flags ?? 0) & MessageFlags.Loading));
    expect(failed.content).toMatch(/^⚠️ Something went wrong while running \/lab boomlater\. Reference: `[0-9a-f-]{36}`$/);
  });

  it('rate-limits a member past 5 commands in 10 s, ephemerally, without touching other members', async () => {
    const member = nextMember();
    for (let i = 0; i < 5; i++) expect(answered(await command(member, 'ping')).content).toMatch(/^🏓/);
    // Upstash's sliding window weighs the previous fixed window by the time left in it (floored),
    // so just after a window boundary one or two more may pass; the member is stopped soon after.
    let limited = answered(await command(member, 'ping'));
    for (let extra = 0; extra < 3 && limited.content?.startsWith('🏓'); extra++) limited = answered(await command(member, 'ping'));
    expect(limited.content).toMatch(/^Slow down — try again in \d+ s\.$/);
    expect(limited.flags! & MessageFlags.Ephemeral).toBeTruthy();
    expect(answered(await command(nextMember(), 'ping')).content).toMatch(/^🏓/);
  });

  it('/welcome test previews the welcome message while the module is off', async () => {
    const preview = answered(await command(sim.owner.id, 'welcome', { subcommand: 'test' }));
    expect(preview.flags! & MessageFlags.Ephemeral).toBeTruthy();
    expect(preview.content).toContain(`Welcome <@${sim.owner.id}> to **`);
    expect(preview.content).toContain('The Welcome module is disabled');
    expect(preview.content).toContain('No welcome channel is set');
    // Its other uses stay gated: a member's module command answers that the module is off.
    const stats = answered(await command(nextMember(), 'stats', { subcommand: 'server' }));
    expect(stats.content).toContain('**Stats** module is off');
  });

  it('/plan set: the instance owner changes the plan through the hub; anyone else is refused', async () => {
    const refused = answered(await command(nextMember(), 'plan', { subcommand: 'set', options: { plan: 'premium' } }));
    expect(refused.content).toBe('⚠️ Only the instance owners (BOT_OWNER_IDS) can change a plan');
    const set = answered(await command(sim.owner.id, 'plan', { subcommand: 'set', options: { plan: 'premium' } }));
    expect(set.content).toBe('Plan of this server: **free** → **premium**.');
    const again = answered(await command(sim.owner.id, 'plan', { subcommand: 'set', options: { plan: 'free' } }));
    expect(again.content).toBe('Plan of this server: **premium** → **free**.');
  });

  it('sent Discord\'s required User-Agent on every request, webhook follow-ups and edits included (runs last)', () => {
    expect(sim.userAgentViolations).toEqual([]);
  });
});

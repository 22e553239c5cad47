import { PermissionFlagsBits } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { version } from '../../../../package.json';
import { BARE_GUILD, GUILD, interactionHarness } from '../../interactions/testing/harness';
import { buttonPayload, slashPayload } from '../../interactions/testing/payloads';
import { HELP_PAGE_SIZE } from './helpPages';

interface HelpAnswer {
  type: number;
  data: {
    flags?: number;
    embeds: Array<{ fields: Array<{ name: string; value: string }>; footer: { text: string } }>;
    components: Array<{ components: Array<{ custom_id: string; disabled: boolean }> }>;
  };
}

const commandsOf = (a: HelpAnswer): string[] => a.data.embeds[0]!.fields.flatMap((f) => f.value.split("\n").map((l) => l.split("`")[1]!));

describe('/help', () => {
  it('lists what this member may use, grouped by module, paged with buttons that page through', async () => {
    const h = await interactionHarness();
    const who = { guildId: GUILD };
    const first = (await (await h.send(slashPayload('help', [], who))).json()) as HelpAnswer;
    expect(first.data.flags).toBe(64);
    expect(first.data.embeds[0]!.footer.text).toBe('Page 1/2');
    expect(first.data.embeds[0]!.fields[0]!.name).toContain('Core');
    const [prev, next] = first.data.components[0]!.components;
    expect(prev!.disabled).toBe(true);
    expect(next!.disabled).toBe(false);
    const second = (await (await h.send(buttonPayload(next!.custom_id, who))).json()) as HelpAnswer;
    expect(second.type).toBe(7);
    expect(second.data.embeds[0]!.footer.text).toBe('Page 2/2');
    expect(second.data.components[0]!.components[1]!.disabled).toBe(true);
    const all = [...commandsOf(first), ...commandsOf(second)];
    expect(commandsOf(first)).toHaveLength(HELP_PAGE_SIZE);
    expect(all).toEqual(['/help', '/ping', '/about', '/lab echo', '/lab slow', '/lab boom', '/lab boomlater', '/lab files', '/lab job', '/lab refuse', '/lab button', '/lab form']);
    const back = (await (await h.send(buttonPayload(second.data.components[0]!.components[0]!.custom_id, who))).json()) as HelpAnswer;
    expect(commandsOf(back)).toEqual(commandsOf(first));
  });

  it('shows permission-gated commands only to members who hold the permission (or admins)', async () => {
    const h = await interactionHarness();
    const list = async (permissions: bigint) => {
      const out: string[] = [];
      let answer = (await (await h.send(slashPayload('help', [], { guildId: GUILD, permissions }))).json()) as HelpAnswer;
      out.push(...commandsOf(answer));
      for (let i = 0; i < 5 && !answer.data.components[0]!.components[1]!.disabled; i++) {
        answer = (await (await h.send(buttonPayload(answer.data.components[0]!.components[1]!.custom_id, { guildId: GUILD, permissions }))).json()) as HelpAnswer;
        out.push(...commandsOf(answer));
      }
      return out;
    };
    const member = await list(PermissionFlagsBits.SendMessages);
    expect(member).not.toContain('/purge');
    const mod = await list(PermissionFlagsBits.ManageMessages);
    expect(mod).toContain('/purge');
    expect(mod).not.toContain('/lockdown');
    const admin = await list(PermissionFlagsBits.Administrator);
    expect(admin).toEqual(expect.arrayContaining(['/purge', '/lockdown']));
  });

  it('leaves out modules that are off in the guild', async () => {
    const h = await interactionHarness();
    const a = (await (await h.send(slashPayload('help', [], { guildId: BARE_GUILD }))).json()) as HelpAnswer;
    expect(commandsOf(a)).toEqual(['/help', '/ping', '/about']);
    expect(a.data.embeds[0]!.footer.text).toBe('Page 1/1');
    const ids = a.data.components[0]!.components.map((c) => c.custom_id);
    expect(new Set(ids).size).toBe(2);
  });
});

describe('/ping and /about', () => {
  it('/ping reports the round trip and the hub latency', async () => {
    const h = await interactionHarness();
    const a = (await (await h.send(slashPayload('ping', [], { guildId: GUILD }))).json()) as { data: { content: string } };
    const m = /Round trip: (\d+) ms · hub: ([\d.]+) ms/.exec(a.data.content);
    expect(m).not.toBeNull();
    expect(Number(m![1])).toBeLessThan(5_000);
  });

  it('/about names the instance, the version and the modules on here', async () => {
    const h = await interactionHarness();
    const a = (await (await h.send(slashPayload('about', [], { guildId: BARE_GUILD }))).json()) as {
      data: { embeds: Array<{ fields: Array<{ name: string; value: string }> }> };
    };
    const fields = Object.fromEntries(a.data.embeds[0]!.fields.map((f) => [f.name, f.value]));
    expect(fields).toMatchObject({ Instance: 'bot.example.test', Version: version });
    expect(fields['Modules on in this server']).toContain('Core');
    expect(fields['Modules on in this server']).not.toContain('Lab');
    const on = (await (await h.send(slashPayload('about', [], { guildId: GUILD }))).json()) as typeof a;
    expect(on.data.embeds[0]!.fields[2]!.value).toContain('Lab');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscordAPIError, REST } from '@discordjs/rest';
import { Routes, type APIApplicationCommand } from 'discord-api-types/v10';
import * as spec from 'discord-api-spec/zod';
import { startSimulator, type Simulator } from '../index.js';

let sim: Simulator;
let rest: REST;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, members: 5, seed: 4 });
  rest = new REST({ api: sim.api, retries: 0 }).setToken(sim.application.botToken);
});
afterAll(async () => {
  await sim?.stop();
});

describe('guild commands one at a time (discord.js REST)', () => {
  it('creates (201), overwrites by name (200, same id), gets and deletes one; the others stay', async () => {
    const app = sim.application.id;
    const g = sim.guildId;
    await rest.put(Routes.applicationGuildCommands(app, g), { body: [{ name: 'ping', description: 'Ping' }] });
    const made = (await rest.post(Routes.applicationGuildCommands(app, g), { body: { name: 'greet', description: 'Hi', options: [{ type: 3, name: 'who', description: 'Who' }] } })) as APIApplicationCommand;
    expect(spec.ApplicationCommandResponseSchema!.safeParse(made).success).toBe(true);
    const again = (await rest.post(Routes.applicationGuildCommands(app, g), { body: { name: 'greet', description: 'Hello' } })) as APIApplicationCommand;
    expect(again.id).toBe(made.id);
    expect(((await rest.get(Routes.applicationGuildCommand(app, g, made.id))) as APIApplicationCommand).description).toBe('Hello');
    expect(((await rest.get(Routes.applicationGuildCommands(app, g))) as APIApplicationCommand[]).map((c) => c.name)).toEqual(['ping', 'greet']);
    await rest.delete(Routes.applicationGuildCommand(app, g, made.id));
    expect(((await rest.get(Routes.applicationGuildCommands(app, g))) as APIApplicationCommand[]).map((c) => c.name)).toEqual(['ping']);
    const gone = await rest.delete(Routes.applicationGuildCommand(app, g, made.id)).then(() => null, (e: unknown) => e);
    expect(gone).toBeInstanceOf(DiscordAPIError);
    expect((gone as DiscordAPIError).code).toBe(10063);
  });
});

import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { ApplicationCommandOptionType as T, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffCommands } from './diffCommands';
import { commandBodies } from './register';

const run = promisify(execFile);

describe('diffCommands', () => {
  it('treats a command read back with Discord defaults as unchanged, and names changed fields', () => {
    const ours: RESTPostAPIChatInputApplicationCommandsJSONBody = { name: 'x', description: 'd', options: [{ type: T.String, name: 'o', description: 'o' }] };
    const readBack = {
      id: '1', application_id: '2', version: '3', type: 1, name: 'x', description: 'd', default_member_permissions: null, dm_permission: true,
      nsfw: false, name_localizations: null, integration_types: [0], options: [{ type: T.String, name: 'o', description: 'o', required: false }],
    };
    expect(diffCommands([readBack], [ours])).toEqual({ added: [], updated: [], removed: [], unchanged: ['x'] });
    const changed = diffCommands([{ ...readBack, description: 'old' }, { name: 'gone' }], [{ ...ours, default_member_permissions: '8' }, { name: 'new', description: 'n' }]);
    expect(changed).toEqual({ added: ['new'], updated: [{ name: 'x', fields: ['description', 'default_member_permissions'] }], removed: ['gone'], unchanged: [] });
  });
});

describe('npm run register', () => {
  let server: Server;
  let base: string;
  const requests: Array<{ method: string; url: string; auth?: string; body?: unknown }> = [];
  let stored: Record<string, unknown>[] = [];

  beforeAll(async () => {
    const help = commandBodies().find((c) => c.name === 'help')!;
    stored = [
      { id: '1', application_id: '10', version: '1', type: 1, ...help },
      { id: '2', application_id: '10', version: '1', type: 1, name: 'ping', description: 'an old description' },
      { id: '3', application_id: '10', version: '1', type: 1, name: 'retired', description: 'gone soon' },
    ];
    server = createServer((req, res) => {
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', () => {
        requests.push({ method: req.method!, url: req.url!, auth: req.headers.authorization, body: raw ? JSON.parse(raw) : undefined });
        res.setHeader('content-type', 'application/json');
        if (req.method === 'PUT') stored = (JSON.parse(raw) as Record<string, unknown>[]).map((c, i) => ({ id: String(i), ...c }));
        res.end(JSON.stringify(stored));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('overwrites the guild commands and prints what changed', async () => {
    const env = { ...process.env, DISCORD_API_BASE: base, DISCORD_APPLICATION_ID: '10', DISCORD_BOT_TOKEN: 'tok' };
    const { stdout } = await run('npx', ['tsx', 'workers/scripts/register.ts', '--guild', '20', '--vars', '/nonexistent'], { env, cwd: new URL('../..', import.meta.url).pathname });
    expect(stdout).toContain('+ /about');
    expect(stdout).toContain('~ /ping (description, contexts)');
    expect(stdout).toContain('- /retired');
    expect(stdout).toMatch(/^ {4}\/help$/m);
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /api/v10/applications/10/guilds/20/commands', 'PUT /api/v10/applications/10/guilds/20/commands']);
    expect(requests[1]!.auth).toBe('Bot tok');
    expect((requests[1]!.body as Array<{ name: string }>).map((c) => c.name)).toEqual(commandBodies().map((c) => c.name));
  });
});

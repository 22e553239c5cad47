import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { GatewayIntentBits as I } from 'discord-api-types/v10';
import { RawGatewayClient } from './gateway/testing/RawGatewayClient.js';

const CLI = join(import.meta.dirname, 'cli.ts');

/** Starts the CLI and resolves with its child process and the JSON line it prints. */
async function startCli(args: string[]): Promise<{ child: ChildProcess; info: Record<string, string> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const line = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no JSON line within 20 s')), 20_000);
    createInterface({ input: child.stdout! }).once('line', (l) => {
      clearTimeout(timer);
      resolve(l);
    });
    child.once('exit', (code) => reject(new Error(`cli exited with ${code}`)));
  });
  return { child, info: JSON.parse(line) as Record<string, string> };
}

function stopCli(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill('SIGINT');
  });
}

describe('npm run sim (cli)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sim-cli-'));
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints one JSON line, plays the scenario at --rate, stops on SIGINT and saves --state', async () => {
    const stateFile = join(dir, 'sim.json');
    const { child, info } = await startCli(['--port', '0', '--rate', '50', '--seed', '5', '--state', stateFile]);
    children.push(child);
    for (const key of ['api', 'applicationId', 'publicKey', 'botToken', 'clientId', 'clientSecret', 'guildId', 'gateway', 'url']) {
      expect(info[key], key).toBeTruthy();
    }
    expect(info.publicKey).toMatch(/^[0-9a-f]{64}$/);

    const res = await fetch(`${info.api}/v10/gateway/bot`, { headers: { authorization: `Bot ${info.botToken}` } });
    expect(res.status).toBe(200);
    const bot = (await res.json()) as { url: string };
    expect(bot.url).toBe(info.gateway);

    const ws = new RawGatewayClient(`${bot.url}?v=10&encoding=json`);
    try {
      ws.identify(info.botToken!, I.Guilds | I.GuildMessages);
      await ws.until(() => ws.dispatches.some((p) => p.t === 'MESSAGE_CREATE'), 10_000);
    } finally {
      ws.close();
    }
    expect(await stopCli(child)).toBe(0);
    expect(existsSync(stateFile)).toBe(true);

    const again = await startCli(['--port', '0', '--state', stateFile]);
    children.push(again.child);
    expect(again.info).toMatchObject({ applicationId: info.applicationId, botToken: info.botToken, guildId: info.guildId });
    expect(await stopCli(again.child)).toBe(0);
  });

  it('rejects a bad flag with exit code 2 and a JSON error on stderr', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, '--rate', 'fast'], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += String(d)));
    const code = await new Promise<number | null>((r) => child.once('exit', r));
    expect(code).toBe(2);
    expect(JSON.parse(stderr.trim().split('\n').at(-1)!)).toMatchObject({ level: 'error', msg: expect.stringMatching(/--rate/) });
  });
});

/**
 * `npm run register [-- --guild ID] [-- --dry-run]`: bulk-overwrites the application's slash
 * commands with those the modules declare, for one guild (instant) or globally, against real
 * Discord or the simulator (`DISCORD_API_BASE`), and prints what changed.
 * Variables come from the environment, then `.dev.vars` at the repository root.
 */
import { REST } from '@discordjs/rest';
import { Routes, type RESTPostAPIApplicationCommandsJSONBody } from 'discord-api-types/v10';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { allModules } from '../src/interactions/allModules';
import { diffCommands } from './diffCommands';

/** Reads `KEY=value` lines (quotes optional, `#` comments) of a `.dev.vars` file. */
export function readDevVars(path: string): Record<string, string> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return {};
  }
  const out: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*([A-Z0-9_]+)\s*=\s*(.*?)\s*$/.exec(line);
    if (!m) continue;
    out[m[1]!] = m[2]!.replace(/^(['"])(.*)\1$/, '$2');
  }
  return out;
}

/** The commands every module declares, checked for duplicate names. */
export function commandBodies(): RESTPostAPIApplicationCommandsJSONBody[] {
  const seen = new Set<string>();
  const once = <B extends { name: string; type?: number }>(body: B): B => {
    const key = `${body.type ?? 1}:${body.name}`;
    if (seen.has(key)) throw new Error(`Two modules declare ${body.type === 2 ? 'the user command' : '/'}${body.name}`);
    seen.add(key);
    return body;
  };
  return allModules().flatMap((m) => [...(m.commands ?? []).map((c) => once(c.data)), ...(m.userCommands ?? []).map((c) => once(c.data))]);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { guild: { type: 'string' }, 'dry-run': { type: 'boolean' }, vars: { type: 'string' } } });
  const vars = { ...readDevVars(values.vars ?? new URL('../../.dev.vars', import.meta.url).pathname), ...process.env };
  const appId = vars.DISCORD_APPLICATION_ID;
  const token = vars.DISCORD_BOT_TOKEN;
  if (!appId || !token) throw new Error('DISCORD_APPLICATION_ID and DISCORD_BOT_TOKEN must be set (environment or .dev.vars)');
  if (values.guild !== undefined && !/^\d{1,20}$/.test(values.guild)) throw new Error('--guild takes a guild id');
  const rest = new REST({ ...(vars.DISCORD_API_BASE ? { api: vars.DISCORD_API_BASE } : {}) }).setToken(token);
  const route = values.guild ? Routes.applicationGuildCommands(appId, values.guild) : Routes.applicationCommands(appId);
  const commands = commandBodies();
  const before = (await rest.get(route)) as Record<string, unknown>[];
  const diff = diffCommands(before, commands);
  const where = values.guild ? `guild ${values.guild}` : 'global';
  console.log(`Commands (${where}) at ${vars.DISCORD_API_BASE || 'https://discord.com/api'}:`);
  for (const n of diff.added) console.log(`  + /${n}`);
  for (const u of diff.updated) console.log(`  ~ /${u.name} (${u.fields.join(', ')})`);
  for (const n of diff.removed) console.log(`  - /${n}`);
  for (const n of diff.unchanged) console.log(`    /${n}`);
  console.log(`${diff.added.length} added, ${diff.updated.length} updated, ${diff.removed.length} removed, ${diff.unchanged.length} unchanged`);
  if (values['dry-run']) return console.log('Dry run: nothing written.');
  const written = (await rest.put(route, { body: commands })) as unknown[];
  console.log(`Wrote ${written.length} commands.`);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  main().catch((err: Error) => {
    console.error(`register failed: ${err.message}`);
    process.exit(1);
  });
}

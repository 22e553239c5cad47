import type { RESTPostAPIApplicationCommandsJSONBody } from 'discord-api-types/v10';

/** What a bulk overwrite changes, by command name. */
export interface CommandDiff {
  added: string[];
  updated: Array<{ name: string; fields: string[] }>;
  removed: string[];
  unchanged: string[];
}

const COMPARED = ['type', 'description', 'options', 'default_member_permissions', 'contexts', 'integration_types', 'nsfw'] as const;

/**
 * Drops what Discord fills in by default (`required: false`, `nsfw: false`, null permissions,
 * empty option lists) so a command we declare and the same command read back compare equal.
 */
export function normalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalize);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v === undefined || v === null || v === false) continue;
      if (Array.isArray(v) && v.length === 0) continue;
      if (/_localizations$|^(id|application_id|version|guild_id|dm_permission|name_localized|description_localized)$/.test(key)) continue;
      out[key] = normalize(v);
    }
    return out;
  }
  return value;
}

function field(command: Record<string, unknown>, key: string): string {
  let v = command[key];
  // Discord fills these in when a command leaves them out: type 1 (chat input), and
  // integration_types [0] (guild install) — without the default every run reports "updated".
  if (key === 'type') v = v ?? 1;
  if (key === 'integration_types') v = v ?? [0];
  // Context-menu commands have no description; Discord reads it back as "".
  if (key === 'description' && v === '') v = undefined;
  return JSON.stringify(normalize({ v }));
}

/** Compares the registered commands (GET) with those about to be written (PUT). */
export function diffCommands(
  before: readonly Record<string, unknown>[],
  after: readonly RESTPostAPIApplicationCommandsJSONBody[],
): CommandDiff {
  const old = new Map(before.map((c) => [String(c.name), c]));
  const diff: CommandDiff = { added: [], updated: [], removed: [], unchanged: [] };
  for (const cmd of after) {
    const prev = old.get(cmd.name);
    old.delete(cmd.name);
    if (!prev) {
      diff.added.push(cmd.name);
      continue;
    }
    const fields = COMPARED.filter((k) => field(prev, k) !== field(cmd as unknown as Record<string, unknown>, k));
    if (fields.length) diff.updated.push({ name: cmd.name, fields: [...fields] });
    else diff.unchanged.push(cmd.name);
  }
  diff.removed.push(...old.keys());
  return diff;
}

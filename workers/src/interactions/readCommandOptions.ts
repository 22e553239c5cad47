import {
  ApplicationCommandOptionType as T,
  type APIApplicationCommandOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import { InteractionError } from './InteractionError';
import type { CommandOptions } from './types';

/** An option as it arrives in an interaction (loosely typed: it comes from the wire). */
interface IncomingOption {
  name?: unknown;
  type?: unknown;
  value?: unknown;
  focused?: unknown;
  options?: unknown;
}

const STRINGLIKE = new Set<number>([T.String, T.User, T.Channel, T.Role, T.Mentionable, T.Attachment]);

function bad(message: string, details: Record<string, unknown>): InteractionError {
  return new InteractionError(message, 'InvalidOption', details);
}

function valueMatches(type: number, value: unknown, autocomplete: boolean): boolean {
  // While typing, Discord sends the partial text of any focused option as a string.
  if (autocomplete && typeof value === 'string') return true;
  if (STRINGLIKE.has(type)) return typeof value === 'string';
  if (type === T.Integer) return typeof value === 'number' && Number.isInteger(value);
  if (type === T.Number) return typeof value === 'number' && Number.isFinite(value);
  if (type === T.Boolean) return typeof value === 'boolean';
  return false;
}

function list(value: unknown): IncomingOption[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw bad('Malformed options', {});
  return value as IncomingOption[];
}

/**
 * Checks the options Discord sent against the command's declaration (names, types, choices,
 * required) and flattens them. Anything that does not match becomes an {@link InteractionError}:
 * a stale registration or a forged payload must not reach a handler with the wrong types.
 */
export function readCommandOptions(
  declared: RESTPostAPIChatInputApplicationCommandsJSONBody,
  incoming: unknown,
  autocomplete = false,
): CommandOptions {
  const result: CommandOptions = { values: {} };
  let decl: readonly APIApplicationCommandOption[] = declared.options ?? [];
  let opts = list(incoming);
  // Walk down at most two levels: a subcommand group, then a subcommand.
  for (let depth = 0; depth < 2; depth++) {
    const first = opts[0];
    if (!first || (first.type !== T.SubcommandGroup && first.type !== T.Subcommand)) break;
    const match = decl.find((d) => d.name === first.name && d.type === first.type);
    if (!match || opts.length !== 1) throw bad(`Unknown subcommand "${String(first.name)}"`, { name: first.name });
    if (match.type === T.SubcommandGroup) result.group = match.name;
    else result.subcommand = match.name;
    decl = 'options' in match && match.options ? match.options : [];
    opts = list(first.options);
  }
  if (decl.some((d) => d.type === T.Subcommand || d.type === T.SubcommandGroup)) {
    throw bad('A subcommand is required', {});
  }
  for (const o of opts) {
    const d = decl.find((x) => x.name === o.name);
    if (!d) throw bad(`Unknown option "${String(o.name)}"`, { name: o.name });
    if (o.type !== d.type || !valueMatches(d.type, o.value, autocomplete && o.focused === true)) {
      throw bad(`Option "${d.name}" has the wrong type`, { name: d.name, expected: d.type, got: o.type });
    }
    if (autocomplete && o.focused === true) {
      result.focused = { name: d.name, value: String(o.value) };
    } else if ('choices' in d && d.choices && !d.choices.some((c) => c.value === o.value)) {
      throw bad(`"${String(o.value)}" is not a choice of option "${d.name}"`, { name: d.name });
    }
    result.values[d.name] = o.value as string | number | boolean;
  }
  if (!autocomplete) {
    for (const d of decl) {
      if ('required' in d && d.required && !(d.name in result.values)) throw bad(`Option "${d.name}" is required`, { name: d.name });
    }
  }
  return result;
}

/**
 * Flattens the top-level options of a command no module declares (an admin-defined guild
 * command): name → value for strings, numbers and booleans, anything else dropped. The handler
 * holds the declaration and checks the values against it.
 */
export function readLooseOptions(incoming: unknown): CommandOptions {
  const values: CommandOptions['values'] = {};
  for (const o of Array.isArray(incoming) ? (incoming as IncomingOption[]).slice(0, 25) : []) {
    if (typeof o.name !== 'string' || o.name.length > 32) continue;
    if (typeof o.value === 'string' || typeof o.value === 'boolean' || (typeof o.value === 'number' && Number.isFinite(o.value))) values[o.name] = o.value;
  }
  return { values };
}

import { ApplicationCommandOptionType as O, InteractionContextType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import type { CustomCommand } from './config';

const TYPES = { string: O.String, integer: O.Integer, number: O.Number, boolean: O.Boolean, user: O.User, channel: O.Channel, role: O.Role } as const;

/** The registration body of a custom command (required options first, as Discord demands). */
export function commandBody(c: CustomCommand): RESTPostAPIChatInputApplicationCommandsJSONBody {
  const options = [...c.options].sort((a, b) => Number(b.required) - Number(a.required)).map((o) => ({ type: TYPES[o.type], name: o.name, description: o.description, required: o.required }));
  return { name: c.name, description: c.description, options: options as RESTPostAPIChatInputApplicationCommandsJSONBody['options'], contexts: [InteractionContextType.Guild] };
}

/** A short stable hash of a body (FNV-1a over its JSON): equal bodies are not sent again. */
export function bodyHash(body: unknown): string {
  let h = 0x811c9dc5;
  for (const ch of JSON.stringify(body)) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return h.toString(16);
}

import {
  ApplicationCommandType,
  InteractionType,
  type APIInteraction,
} from 'discord-api-types/v10';
import { z } from 'zod';
import { HttpError } from '../errors';
import type { ModuleDefinition } from '../platform/ModuleDefinition';
import type { CustomIdSigner } from './CustomIdSigner';
import { InteractionError } from './InteractionError';
import type { InteractionRouter } from './InteractionRouter';
import { readCommandOptions, readLooseOptions } from './readCommandOptions';
import type { CommandOptions, ComponentHandler, ModalHandler, SlashCommand, UserCommand } from './types';

const snowflake = z.string().regex(/^\d{1,20}$/);

/** The fields the framework relies on; the rest passes through untouched. */
const Envelope = z.looseObject({
  id: snowflake,
  application_id: snowflake,
  type: z.number().int(),
  token: z.string().min(1).max(500),
  guild_id: snowflake.optional(),
  data: z.looseObject({}).optional(),
  member: z.looseObject({ user: z.looseObject({ id: snowflake }), permissions: z.string().regex(/^\d+$/).optional() }).optional(),
  user: z.looseObject({ id: snowflake }).optional(),
});

/** An interaction matched to its handler. */
export type RoutedInteraction =
  | { kind: 'ping' }
  | { kind: 'command'; module: ModuleDefinition; handler: SlashCommand; options: CommandOptions; label: string }
  | { kind: 'userCommand'; module: ModuleDefinition; handler: UserCommand; options: CommandOptions; label: string }
  | { kind: 'autocomplete'; module: ModuleDefinition; handler: SlashCommand; options: CommandOptions; label: string }
  | { kind: 'component'; module: ModuleDefinition; handler: ComponentHandler; state: string[]; label: string }
  | { kind: 'modal'; module: ModuleDefinition; handler: ModalHandler; state: string[]; label: string };

/** Checks the envelope of a parsed body; a body that is not an interaction is a 400. */
export function readEnvelope(body: unknown): APIInteraction {
  const parsed = Envelope.safeParse(body);
  if (!parsed.success) {
    throw new HttpError(400, 'Not an interaction payload', {
      code: 'InvalidInteraction',
      details: parsed.error.issues.slice(0, 5).map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  }
  if (!parsed.data.member && !parsed.data.user && parsed.data.type !== InteractionType.Ping) {
    throw new HttpError(400, 'Interaction has neither member nor user', { code: 'InvalidInteraction' });
  }
  return parsed.data as unknown as APIInteraction;
}

function customIdOf(interaction: APIInteraction): string {
  const id = (interaction.data as { custom_id?: unknown } | undefined)?.custom_id;
  if (typeof id !== 'string') throw new HttpError(400, 'Missing data.custom_id', { code: 'InvalidInteraction' });
  return id;
}

/**
 * Finds the handler of an interaction. Unknown commands and tampered or unknown `custom_id`s
 * are {@link InteractionError}s (answered ephemerally); structural problems are 400s.
 */
export async function routeInteraction(
  interaction: APIInteraction,
  router: InteractionRouter,
  signer: CustomIdSigner,
): Promise<RoutedInteraction> {
  switch (interaction.type) {
    case InteractionType.Ping:
      return { kind: 'ping' };
    case InteractionType.ApplicationCommand:
    case InteractionType.ApplicationCommandAutocomplete: {
      const data = interaction.data as { name?: unknown; type?: unknown; options?: unknown; target_id?: unknown } | undefined;
      if (!data || typeof data.name !== 'string') throw new HttpError(400, 'Missing data.name', { code: 'InvalidInteraction' });
      if (data.type === ApplicationCommandType.User && interaction.type === InteractionType.ApplicationCommand) {
        if (!snowflake.safeParse(data.target_id).success) throw new HttpError(400, 'Missing data.target_id', { code: 'InvalidInteraction' });
        const routed = router.userCommands.get(data.name);
        if (!routed) throw new InteractionError(`Unknown command ${data.name}. It may have been removed; try again in a minute.`, 'UnknownCommand', { name: data.name });
        return { kind: 'userCommand', module: routed.module, handler: routed.handler, options: { values: { target: data.target_id as string } }, label: `menu ${data.name}` };
      }
      if (data.type !== undefined && data.type !== ApplicationCommandType.ChatInput) {
        throw new InteractionError('This kind of command is not supported.', 'UnsupportedCommandType', { type: data.type });
      }
      const routed = router.commands.get(data.name);
      if (!routed && router.guildCommands && interaction.guild_id && interaction.type === InteractionType.ApplicationCommand) {
        const { module, handler } = router.guildCommands;
        return { kind: 'command', module, handler: { data: { name: data.name, description: '' }, execute: handler.execute }, options: readLooseOptions(data.options), label: `/${data.name} (custom)` };
      }
      if (!routed) throw new InteractionError(`Unknown command /${data.name}. It may have been removed; try again in a minute.`, 'UnknownCommand', { name: data.name });
      const autocomplete = interaction.type === InteractionType.ApplicationCommandAutocomplete;
      const options = readCommandOptions(routed.handler.data, data.options, autocomplete);
      const label = ['/' + data.name, options.group, options.subcommand].filter(Boolean).join(' ');
      return { kind: autocomplete ? 'autocomplete' : 'command', module: routed.module, handler: routed.handler, options, label };
    }
    case InteractionType.MessageComponent:
    case InteractionType.ModalSubmit: {
      const { prefix, state } = await signer.verify(customIdOf(interaction));
      const component = interaction.type === InteractionType.MessageComponent;
      const routed = component ? router.components.get(prefix) : router.modals.get(prefix);
      if (!routed) throw new InteractionError('This control is not handled any more.', 'UnknownCustomId', { prefix });
      return component
        ? { kind: 'component', module: routed.module, handler: routed.handler as ComponentHandler, state, label: `component ${prefix}` }
        : { kind: 'modal', module: routed.module, handler: routed.handler as ModalHandler, state, label: `modal ${prefix}` };
    }
    default:
      throw new HttpError(400, `Unknown interaction type ${String((interaction as { type: unknown }).type)}`, { code: 'UnknownInteractionType' });
  }
}

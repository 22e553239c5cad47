import type {
  APIApplicationCommandInteraction,
  APIInteractionResponse,
  APIMessageComponentInteraction,
  APIModalSubmitInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';

/**
 * Contract between modules and the interactions framework (issue "Slash commands on the edge").
 * The framework's owner may extend these types; modules depend only on what is here.
 */
export interface InteractionContext {
  /** Guild id, or undefined in DMs. */
  guildId?: string;
  /** The invoking user's id. */
  userId: string;
  /** The module's validated config for this guild, read from the GuildHub. */
  config: unknown;
  /** Defers the reply and finishes `work` in waitUntil (see the framework for details). */
  [key: string]: unknown;
}

/** A slash command declared by a module. */
export interface SlashCommand {
  /** The registration body sent to Discord (name, options, default_member_permissions, contexts). */
  data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  execute(interaction: APIApplicationCommandInteraction, ctx: InteractionContext): Promise<APIInteractionResponse>;
}

/** A message component handler, routed on the `custom_id` prefix. */
export interface ComponentHandler {
  prefix: string;
  execute(interaction: APIMessageComponentInteraction, ctx: InteractionContext): Promise<APIInteractionResponse>;
}

/** A modal submit handler, routed on the `custom_id` prefix. */
export interface ModalHandler {
  prefix: string;
  execute(interaction: APIModalSubmitInteraction, ctx: InteractionContext): Promise<APIInteractionResponse>;
}

import type {
  APIApplicationCommandOptionChoice,
  APIApplicationCommandAutocompleteInteraction,
  APIChatInputApplicationCommandInteraction,
  APIInteractionResponse,
  APIMessageComponentInteraction,
  APIModalSubmitInteraction,
  APIUserApplicationCommandInteraction,
  ApplicationCommandType,
  RESTPatchAPIWebhookWithTokenMessageJSONBody,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
  RESTPostAPIContextMenuApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import type { GuildInfo } from '../platform/hub/GuildState';
import type { ModuleDefinition, Plan } from '../platform/ModuleDefinition';
import type { ModuleContext } from '../platform/ModuleContext';
import type { WebhookFile } from './InteractionWebhook';

/** A message body as sent to the follow-up webhook (edit `@original` or a new follow-up). */
export type ReplyBody = RESTPatchAPIWebhookWithTokenMessageJSONBody & { flags?: number };

/** Options of {@link InteractionContext.defer}. */
export interface DeferOptions {
  /** Only the member sees the reply (and the "thinking…" state). */
  ephemeral?: boolean;
  /**
   * Components only: acknowledge without a new message (type 6) and edit the message that
   * holds the component. Defaults to true for components, ignored for commands.
   */
  update?: boolean;
}

/** One module's state in a guild, as the GuildHub holds it. */
export interface GuildModuleState {
  enabled: boolean;
  config: unknown;
}

/** What the interactions framework needs to know about a guild (read from its hub). */
export interface GuildState {
  plan: Plan;
  modules: Record<string, GuildModuleState>;
  /** Name, owner and member count as the hub last knew them (absent when unknown). */
  guild?: GuildInfo | null;
}

/** Option values of a slash command after validation against the command's declaration. */
export interface CommandOptions {
  /** Subcommand group name, when the command has groups. */
  group?: string;
  /** Subcommand name, when the command has subcommands. */
  subcommand?: string;
  /** Values by option name: strings (incl. user/channel/role ids), numbers, booleans. */
  values: Record<string, string | number | boolean>;
  /** Autocomplete only: the option being typed. */
  focused?: { name: string; value: string };
}

/**
 * What a handler receives besides the raw interaction. The framework builds it once per
 * interaction; modules use it instead of reaching for env, Redis or the hub themselves.
 */
export interface InteractionContext extends ModuleContext {
  /** The invoking user's id. */
  userId: string;
  /** The invoking member's permissions in the channel (0n in DMs). */
  permissions: bigint;
  /** The guild's plan and module states (plan `free` and no modules in DMs). */
  guild: GuildState;
  /** Milliseconds the hub read took (0 when served without a hub). */
  hubLatencyMs: number;
  /** Every module the instance knows, for `/help`-like listings. */
  modules: readonly ModuleDefinition[];
  /** Validated slash command options (empty for components and modals). */
  options: CommandOptions;
  /** Components and modals: the state carried in the `custom_id` (verified). */
  state: string[];
  requestId: string;
  /** Builds a tamper-proof `custom_id` routed to the handler with `prefix`, carrying `state`. */
  customId(prefix: string, ...state: string[]): Promise<string>;
  /**
   * Answers now with a deferred response and finishes `work` after the response
   * (in `waitUntil`); its result edits `@original`. If `work` throws, the member is told what failed.
   */
  defer(work: () => Promise<ReplyBody>, options?: DeferOptions): APIInteractionResponse;
  /**
   * Defers and hands the work to a QStash job (for work that may outlive `waitUntil` or needs
   * retries); the job named `job` receives `payload` and edits `@original`.
   */
  deferToJob(job: string, payload: unknown, options?: DeferOptions): Promise<APIInteractionResponse>;
  /**
   * Posts a new message under the interaction (after a response or a defer), with `files`
   * attached in order; valid for 15 minutes. Retries the race with Discord recording the defer.
   */
  followUp(body: ReplyBody, files?: readonly WebhookFile[]): Promise<void>;
}

/** A slash command declared by a module. */
export interface SlashCommand {
  /** The registration body sent to Discord (name, options, default_member_permissions, contexts). */
  data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  /**
   * Runs even where its module is off (still only in a server): for previews and setup
   * commands an admin uses before turning the module on (`/welcome test`).
   */
  allowWhenDisabled?: boolean;
  execute(interaction: APIChatInputApplicationCommandInteraction, ctx: InteractionContext): Promise<APIInteractionResponse>;
  /** Suggestions for an option declared with `autocomplete: true` (`ctx.options.focused`). */
  autocomplete?(
    interaction: APIApplicationCommandAutocompleteInteraction,
    ctx: InteractionContext,
  ): Promise<APIApplicationCommandOptionChoice[]>;
}

/**
 * A user context-menu command (a member's menu → Apps → its name), declared by a module. The
 * target's id is `ctx.options.values.target`; the interaction's `data.resolved` holds them.
 */
export interface UserCommand {
  data: RESTPostAPIContextMenuApplicationCommandsJSONBody & { type: ApplicationCommandType.User };
  execute(interaction: APIUserApplicationCommandInteraction, ctx: InteractionContext): Promise<APIInteractionResponse>;
}

/** A message component handler, routed on the `custom_id` prefix (see `ctx.customId`). */
export interface ComponentHandler {
  prefix: string;
  execute(interaction: APIMessageComponentInteraction, ctx: InteractionContext): Promise<APIInteractionResponse>;
}

/** A modal submit handler, routed on the `custom_id` prefix (see `ctx.customId`). */
export interface ModalHandler {
  prefix: string;
  execute(interaction: APIModalSubmitInteraction, ctx: InteractionContext): Promise<APIInteractionResponse>;
}

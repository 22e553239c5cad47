import {
  ApplicationCommandOptionType as T,
  InteractionContextType,
  PermissionFlagsBits,
  type APIApplicationCommandOption,
} from 'discord-api-types/v10';
import type { GuildState, SlashCommand } from '../../interactions/types';
import type { ModuleDefinition } from '../../platform/ModuleDefinition';

/** One line of `/help`: a command or subcommand a member may run. */
export interface CatalogEntry {
  usage: string;
  description: string;
}

/** A module's usable commands. */
export interface CatalogSection {
  module: ModuleDefinition;
  entries: CatalogEntry[];
}

/** Whether a member with `permissions` may use a command (Discord's `default_member_permissions`). */
export function mayUse(command: SlashCommand, permissions: bigint, inGuild: boolean): boolean {
  const contexts = command.data.contexts;
  if (contexts && !contexts.includes(inGuild ? InteractionContextType.Guild : InteractionContextType.BotDM)) return false;
  const required = command.data.default_member_permissions;
  if (required === undefined || required === null) return true;
  if (!inGuild) return false;
  if ((permissions & PermissionFlagsBits.Administrator) !== 0n) return true;
  const bits = BigInt(required);
  // "0" means administrators only (handled above).
  return bits !== 0n && (permissions & bits) === bits;
}

function expand(prefix: string, options: readonly APIApplicationCommandOption[] | undefined, fallback: string): CatalogEntry[] {
  const subs = (options ?? []).filter((o) => o.type === T.Subcommand || o.type === T.SubcommandGroup);
  if (subs.length === 0) return [{ usage: prefix, description: fallback }];
  return subs.flatMap((o) =>
    o.type === T.SubcommandGroup ? expand(`${prefix} ${o.name}`, o.options, o.description) : [{ usage: `${prefix} ${o.name}`, description: o.description }],
  );
}

/**
 * The commands a member may run here, grouped by module: modules that are on (or always on),
 * commands whose permissions and contexts admit the member, subcommands listed one per line.
 */
export function commandCatalog(
  modules: readonly ModuleDefinition[],
  guild: GuildState,
  permissions: bigint,
  inGuild: boolean,
): CatalogSection[] {
  const sections: CatalogSection[] = [];
  for (const module of modules) {
    if (!module.alwaysOn && !(inGuild && guild.modules[module.id]?.enabled)) continue;
    const entries = (module.commands ?? [])
      .filter((c) => mayUse(c, permissions, inGuild))
      .flatMap((c) => expand(`/${c.data.name}`, c.data.options, c.data.description));
    if (entries.length) sections.push({ module, entries });
  }
  return sections;
}

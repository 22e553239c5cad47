import type { APIEmbed, APIUser, RESTPostAPIChannelMessageJSONBody } from 'discord-api-types/v10';
import type { Plan } from '../../platform/Plan';
import type { WelcomeConfig } from './config';
import { WELCOME_LIMITS } from './limits';

/** Values of the template variables. */
export interface WelcomeVars {
  user: Pick<APIUser, 'id' | 'username' | 'global_name' | 'avatar'>;
  server: string;
  memberCount: number;
}

/** Replaces `{user}`, `{user.name}`, `{server}`, `{memberCount}`; unknown `{x}` stays as typed. */
export function renderTemplate(text: string, vars: WelcomeVars): string {
  return text.replace(/\{(user\.name|user|server|memberCount)\}/g, (_, name: string) => {
    switch (name) {
      case 'user':
        return `<@${vars.user.id}>`;
      case 'user.name':
        return vars.user.global_name ?? vars.user.username;
      case 'server':
        return vars.server;
      default:
        return String(vars.memberCount);
    }
  });
}

/** The member's avatar URL (or Discord's default avatar), for the embed thumbnail. */
export function avatarUrl(user: WelcomeVars['user']): string {
  // https://discord.com/developers/docs/reference#image-formatting-cdn-endpoints
  if (user.avatar) return `https://cdn.discordapp.com/avatars/${user.id}/${user.avatar}.png`;
  return `https://cdn.discordapp.com/embed/avatars/${Number((BigInt(user.id) >> 22n) % 6n)}.png`;
}

/** True when the plan allows embeds (limit `embeds` is not 0). */
export function embedsAllowed(plan: Plan): boolean {
  return (WELCOME_LIMITS[plan].embeds ?? -1) !== 0;
}

/**
 * Builds the welcome message body. Embeds fall back to text on a plan without embeds (a
 * downgraded guild keeps working). Only the new member may be pinged: a server name or a
 * message can never mention @everyone or roles.
 */
export function buildWelcomeMessage(config: WelcomeConfig, plan: Plan, vars: WelcomeVars): RESTPostAPIChannelMessageJSONBody {
  const allowed_mentions = { parse: [], users: [vars.user.id] } as RESTPostAPIChannelMessageJSONBody['allowed_mentions'];
  if (config.messageType === 'embed' && embedsAllowed(plan)) {
    const e = config.embed;
    const embed: APIEmbed = {
      title: renderTemplate(e.title, vars) || undefined,
      description: renderTemplate(e.description, vars) || undefined,
      color: Number.parseInt(e.color.slice(1), 16),
      ...(e.thumbnail ? { thumbnail: { url: avatarUrl(vars.user) } } : {}),
      ...(e.footer ? { footer: { text: renderTemplate(e.footer, vars) } } : {}),
    };
    return { embeds: [embed], allowed_mentions };
  }
  return { content: renderTemplate(config.message, vars), allowed_mentions };
}

/** Builds a plain text body (leave message, DM) with the same mention rules. */
export function buildTextMessage(template: string, vars: WelcomeVars): RESTPostAPIChannelMessageJSONBody {
  return { content: renderTemplate(template, vars), allowed_mentions: { parse: [], users: [vars.user.id] } as never };
}

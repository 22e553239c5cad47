import type { APIUser, UserFlags } from 'discord-api-types/v10';
import type { SimState } from '../SimState.js';
import { SimStateError } from '../SimStateError.js';

/** Fields for a new user; unset ones get Discord's defaults. */
export type CreateUserInput = Partial<APIUser> & { username: string };

/** Users (humans and bots). Users exist outside guilds, so adding one emits nothing. */
export class UserStore {
  constructor(private readonly s: SimState) {}

  /** Creates (or replaces) a user. */
  create(input: CreateUserInput): APIUser {
    const user: APIUser = {
      id: input.id ?? this.s.snowflakes.next(),
      username: input.username,
      discriminator: input.discriminator ?? '0',
      global_name: input.global_name === undefined ? input.username : input.global_name,
      avatar: input.avatar ?? null,
      ...(input.bot ? { bot: true } : {}),
      ...(input.system ? { system: true } : {}),
      public_flags: input.public_flags ?? (0 as UserFlags),
      flags: input.flags ?? (0 as UserFlags),
      banner: input.banner ?? null,
      accent_color: input.accent_color ?? null,
      avatar_decoration_data: null,
      collectibles: null,
      primary_guild: null,
      locale: input.locale ?? 'en-US',
      ...(input.email !== undefined ? { email: input.email, verified: input.verified ?? true } : {}),
      mfa_enabled: input.mfa_enabled ?? false,
      premium_type: input.premium_type ?? 0,
    };
    this.s.data.users[user.id] = user;
    return user;
  }

  /** The user, or 404 Unknown User (10013). */
  get(id: string): APIUser {
    const u = this.s.data.users[id];
    if (!u) throw new SimStateError(404, 10013, 'Unknown User');
    return u;
  }

  /** The user if it exists. */
  find(id: string): APIUser | undefined {
    return this.s.data.users[id];
  }
}

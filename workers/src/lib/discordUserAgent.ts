/**
 * The `User-Agent` Discord requires on every request: `DiscordBot ($url, $versionNumber)`
 * (https://discord.com/developers/docs/reference#user-agent). `@discordjs/rest` sends its own;
 * this one goes on the calls made with plain `fetch` (OAuth2, interaction webhooks).
 */
export const DISCORD_USER_AGENT = 'DiscordBot (https://github.com/edge-admin/edge-admin, 0.1.0)';

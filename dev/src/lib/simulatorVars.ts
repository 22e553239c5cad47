/** What {@link simulatorVars} reads of a running simulator (see simulator/src/index.ts). */
export interface SimulatorEndpoints {
  url: string;
  api: string;
  application: { id: string; publicKey: string; botToken: string; clientId: string; clientSecret: string };
}

/** The Worker's Discord variables pointing at the simulator: REST, OAuth2, the app's keys and tokens. */
export function simulatorVars(sim: SimulatorEndpoints): Record<string, string> {
  const a = sim.application;
  return {
    DISCORD_API_BASE: sim.api,
    DISCORD_OAUTH_BASE: sim.url,
    DISCORD_APPLICATION_ID: a.id,
    DISCORD_PUBLIC_KEY: a.publicKey,
    DISCORD_BOT_TOKEN: a.botToken,
    DISCORD_CLIENT_ID: a.clientId,
    DISCORD_CLIENT_SECRET: a.clientSecret,
  };
}

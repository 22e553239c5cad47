import { startSimulator, type Simulator } from '../../index.js';
import type { SimApplication, SimState } from '../../state/index.js';
import type { SimGateway } from '../index.js';
import type { GatewayOptions } from '../types.js';

/** The demo guild as gateway tests need it. */
export interface HarnessDemo {
  guildId: string;
  /** Channel ids by name (`general`, `lounge`, …). */
  channels: Record<string, string>;
  /** Human members other than the owner. */
  memberIds: string[];
}

/** A running simulator (REST, gateway, demo guild) with handles for gateway tests. */
export interface GatewayHarness {
  sim: Simulator;
  state: SimState;
  app: SimApplication;
  demo: HarnessDemo;
  gateway: SimGateway;
  /** REST base for `@discordjs/rest`'s `api` option. */
  api: string;
  close(): Promise<void>;
}

/** Starts the whole simulator on port 0 with the demo guild, for gateway tests. */
export async function startGatewayHarness(
  o: { appFlags?: number; members?: number; gateway?: GatewayOptions } = {},
): Promise<GatewayHarness> {
  const sim = await startSimulator({
    port: 0,
    members: o.members ?? 20,
    privilegedIntents: o.appFlags ?? 0,
    gateway: { heartbeatIntervalMs: 1_000, ...o.gateway },
  });
  const state = sim.state;
  const guild = state.guild(sim.guildId);
  const channels: Record<string, string> = {};
  for (const c of Object.values(state.data.channels)) {
    if ('guild_id' in c && c.guild_id === sim.guildId && c.name) channels[c.name] = c.id;
  }
  const memberIds = Object.keys(guild.members).filter((id) => id !== guild.owner_id && !state.data.users[id]?.bot);
  return {
    sim,
    state,
    app: state.applications.get(sim.application.id),
    demo: { guildId: sim.guildId, channels, memberIds },
    gateway: sim.gateway,
    api: sim.api,
    close: () => sim.stop(),
  };
}

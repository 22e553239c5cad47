import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import type { Logger } from '../lib/log';
import type { SimulatorLike } from './discordHooks';

/** The running demo activity; `stop()` ends the scenario. */
export interface Demo {
  rows: [string, string][];
  stop(): Promise<void>;
}

/**
 * Makes the simulator's demo guild usable at once: Discord's interactions go to the Worker's
 * `/interactions`, the modules' slash commands are registered for the demo guild, and members
 * chat (editing and deleting some messages), react, join and sit in voice at `rate` actions per second (`DEMO_RATE`, 0 = quiet).
 */
export async function startDemo(root: string, sim: SimulatorLike, workerUrl: string, rate: number, log: Logger): Promise<Demo> {
  sim.interactions.setEndpoint(`${workerUrl}/interactions`);
  const rows: [string, string][] = [];
  try {
    const { commandBodies } = (await import(pathToFileURL(join(root, 'workers/scripts/register.ts')).href)) as {
      commandBodies: () => { name: string }[];
    };
    const body = commandBodies();
    const url = `${sim.api}/v10/applications/${sim.application.id}/guilds/${sim.guildId}/commands`;
    const res = await fetch(url, {
      method: 'PUT',
      headers: { authorization: `Bot ${sim.application.botToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`simulator answered ${res.status}`);
    rows.push([`${body.map((c) => `/${c.name}`).join(' ')}`, 'slash commands registered in the demo guild']);
  } catch (err) {
    log('warn', 'could not register the demo slash commands', { error: (err as Error).message });
  }
  let stopScenario = () => {};
  if (rate > 0) {
    const { Scenario } = (await import(pathToFileURL(join(root, 'simulator/src/scenario/index.ts')).href)) as {
      Scenario: new (state: unknown, o: object) => { start(rate: number): void; stop(): void };
    };
    // Members also fix and delete some of their messages, so Logging has edits and deletions to show.
    const scenario = new Scenario(sim.state, { seed: Date.now() % 100_000, guildIds: [sim.guildId], weights: { messageEdit: 4, messageDelete: 3 } });
    scenario.start(rate);
    stopScenario = () => scenario.stop();
    rows.push([`${rate} actions/s`, 'demo activity in the demo guild (DEMO_RATE; 0 turns it off)']);
  }
  return { rows, stop: async () => stopScenario() };
}

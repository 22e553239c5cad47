/**
 * `npm run sim`: the Discord simulator standalone, with the demo guild. Prints ONE JSON line on
 * stdout (what to configure a bot or the Worker with); logs go to stderr as JSON lines.
 *
 *   npm run sim -- --port 8790 --seed 1 --rate 2 --interactions-endpoint http://127.0.0.1:8787/interactions --state .data/sim.json
 */
import { parseArgs } from 'node:util';
import { startSimulator } from './index.js';
import { Scenario } from './scenario/index.js';

const log = (entry: Record<string, unknown>): void => {
  process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`);
};

/** Flags, validated; a bad value exits with a clear message (code 2). */
function readFlags() {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: process.env.SIM_PORT ?? '8790' },
      host: { type: 'string', default: '127.0.0.1' },
      seed: { type: 'string', default: '1' },
      rate: { type: 'string', default: '0' },
      members: { type: 'string', default: '50' },
      'interactions-endpoint': { type: 'string' },
      state: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stderr.write('usage: npm run sim -- [--port 8790] [--host 127.0.0.1] [--seed 1] [--rate EVENTS_PER_S (0 = off)] [--members 50] [--interactions-endpoint URL] [--state FILE]\n');
    process.exit(0);
  }
  const int = (name: string, v: string, min: number, max: number): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max) fail(`--${name} must be an integer in [${min}, ${max}], got "${v}"`);
    return n;
  };
  const rate = Number(values.rate);
  if (!Number.isFinite(rate) || rate < 0 || rate > 10_000) fail(`--rate must be a number in [0, 10000], got "${values.rate}"`);
  const endpoint = values['interactions-endpoint'];
  if (endpoint !== undefined && !/^https?:\/\/\S+$/.test(endpoint)) fail(`--interactions-endpoint must be an http(s) URL, got "${endpoint}"`);
  return {
    port: int('port', values.port, 0, 65_535),
    host: values.host,
    seed: int('seed', values.seed, 0, 2 ** 31),
    rate,
    members: int('members', values.members, 0, 100_000),
    endpoint,
    stateFile: values.state,
  };
}

function fail(message: string): never {
  log({ level: 'error', msg: message });
  process.exit(2);
}

async function main(): Promise<void> {
  const flags = readFlags();
  const sim = await startSimulator({
    port: flags.port,
    host: flags.host,
    seed: flags.seed,
    members: flags.members,
    stateFile: flags.stateFile,
    interactionsEndpoint: flags.endpoint,
    logger: log,
    gateway: { logger: log },
  });
  const scenario = flags.rate > 0 && sim.guildId ? new Scenario(sim.state, { seed: flags.seed, guildIds: [sim.guildId] }) : null;
  scenario?.start(flags.rate);

  // Handlers before the JSON line: whoever reads it may stop us right away.
  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    scenario?.stop();
    await sim.stop();
    log({ level: 'info', msg: 'simulator stopped', signal, scenarioEvents: scenario?.tally.total ?? 0, savedTo: flags.stateFile ?? null });
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  process.stdout.write(
    `${JSON.stringify({
      url: sim.url,
      api: sim.api,
      gateway: sim.gatewayUrl,
      applicationId: sim.application.id,
      publicKey: sim.application.publicKey,
      botToken: sim.application.botToken,
      clientId: sim.application.clientId,
      clientSecret: sim.application.clientSecret,
      guildId: sim.guildId,
      ownerId: sim.owner.id,
    })}\n`,
  );
  log({ level: 'info', msg: 'simulator started', url: sim.url, guildId: sim.guildId, scenarioRate: flags.rate });

}

main().catch((err: unknown) => {
  const e = err as NodeJS.ErrnoException;
  log({ level: 'error', msg: 'simulator failed to start', error: e.message, code: e.code });
  process.exit(1);
});

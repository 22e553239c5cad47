import type { Config } from '../../env';
import { withDb } from '../../lib/db';
import { HubCore } from '../../modules/hub/HubCore';
import { toHubResult } from '../../modules/hub/HubResult';
import { registry } from '../../modules/registry';

/**
 * A `GUILD_HUB` namespace for in-process tests: the real `HubCore` per guild over the test
 * database, with Durable Object storage in a Map (the Worker tests use the real DO).
 */
export function inProcessHub(config: Config) {
  const hubs = new Map<string, object>();
  const make = () => {
    const storage = new Map<string, unknown>();
    const core = new HubCore({
      storage: { get: async (k) => storage.get(k) as never, put: async (k, v) => void storage.set(k, v), delete: async (k) => storage.delete(k) },
      registry,
      withDb: (fn) => withDb(config, fn),
      broadcast: () => {},
      notifyShard: async () => {},
    });
    return {
      getState: (g: string) => core.getState(g),
      enable: (g: string, i: never) => toHubResult(() => core.enable(g, i)),
      disable: (g: string, i: never) => toHubResult(() => core.disable(g, i)),
      configure: (g: string, i: never) => toHubResult(() => core.configure(g, i)),
      rollback: (g: string, i: never) => toHubResult(() => core.rollback(g, i)),
      setPlan: (g: string, i: never) => toHubResult(() => core.setPlan(g, i)),
      fetch: async () => new Response(null, { status: 501 }),
    };
  };
  return {
    idFromName: (name: string) => name,
    get: (name: string) => {
      let hub = hubs.get(name);
      if (!hub) hubs.set(name, (hub = make()));
      return hub;
    },
  };
}

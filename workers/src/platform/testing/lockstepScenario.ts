import { WebSocketShardEvents } from '@discordjs/ws';
import type { FullSystem } from '@edge/dev/testing';
import type { Scenario } from '@edge/simulator/scenario';

/** A fake clock shared by the scenario and the shard (`startFullSystem({ shardClock })`). */
export interface SharedClock {
  now: number;
}

/**
 * Plays a scenario through the real gateway one action per clock tick: the clock moves on
 * only after the shard received every dispatch the simulator sent, so the shard stamps each
 * event with the very time the scenario recorded it at (transit takes "no time"). That makes
 * time-based stats (voice seconds) exactly comparable with the scenario's tally.
 */
export async function runLockstep(sys: FullSystem, scenario: Scenario, clock: SharedClock, opts: { events: number; tickMs: number }): Promise<void> {
  const manager = sys.shard!.shard.gateway.manager;
  const counters = sys.sim.gateway.counters;
  let received = 0;
  const onDispatch = () => void received++;
  // Registered after the shard's own listener: when it fires, the shard has stamped the event.
  manager.on(WebSocketShardEvents.Dispatch, onDispatch);
  const sentBase = counters.dispatched;
  const caughtUp = async () => {
    const deadline = Date.now() + 10_000;
    while (counters.dispatched - sentBase > received) {
      if (Date.now() > deadline) throw new Error(`shard missed dispatches: sent ${counters.dispatched - sentBase}, received ${received}`);
      await new Promise((r) => setImmediate(r));
    }
  };
  try {
    let done = 0;
    let misses = 0;
    while (done < opts.events) {
      clock.now += opts.tickMs;
      if (scenario.step()) {
        done++;
        misses = 0;
      } else if (++misses > 100) throw new Error('scenario: no action possible');
      await caughtUp();
    }
    clock.now += opts.tickMs;
    scenario.endVoiceSessions();
    await caughtUp();
  } finally {
    manager.off(WebSocketShardEvents.Dispatch, onDispatch);
  }
}

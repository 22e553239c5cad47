import { Counter, Gauge, Histogram, PromRegistry } from './PromRegistry';

/**
 * The shard's Prometheus metrics (served on `/metrics`). One registry per shard instance
 * so tests running several shards in one process do not mix their numbers.
 */
export class Metrics {
  readonly registry: PromRegistry;
  readonly received: Counter;
  readonly forwarded: Counter;
  readonly dropped: Counter;
  readonly batchLatency: Histogram;
  readonly deliveryFailures: Counter;
  readonly spoolDepth: Gauge;
  readonly reconnects: Counter;
  readonly resumes: Counter;
  readonly linkReconnects: Counter;

  /** `defaults: false` leaves out the process figures (RSS, CPU, heap). */
  constructor(options: { defaults?: boolean } = {}) {
    const r = (this.registry = new PromRegistry(options.defaults !== false));
    this.received = r.register(new Counter('shard_events_received_total', 'Dispatches received from the gateway'));
    this.forwarded = r.register(new Counter('shard_events_forwarded_total', 'Events acknowledged by the Worker'));
    this.dropped = r.register(new Counter('shard_events_dropped_total', 'Events not forwarded, by reason (not_needed, duplicate, spool_bounds, rejected)'));
    this.batchLatency = r.register(
      new Histogram('shard_batch_latency_seconds', 'From the oldest event of a batch entering the spool to its ack', [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300]),
    );
    this.deliveryFailures = r.register(new Counter('shard_delivery_failures_total', 'Failed ingest attempts'));
    this.spoolDepth = r.register(new Gauge('shard_spool_depth', 'Events waiting for an ack'));
    this.reconnects = r.register(new Counter('shard_gateway_reconnects_total', 'Gateway socket closes followed by a reconnect'));
    this.resumes = r.register(new Counter('shard_gateway_resumes_total', 'Sessions resumed'));
    this.linkReconnects = r.register(new Counter('shard_config_link_reconnects_total', 'Config link reconnect attempts'));
  }
}

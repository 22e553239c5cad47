import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The shard's Prometheus metrics (served on `/metrics`). One registry per shard instance
 * so tests running several shards in one process do not mix their numbers.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly received = new Counter({ name: 'shard_events_received_total', help: 'Dispatches received from the gateway', labelNames: ['type'], registers: [this.registry] });
  readonly forwarded = new Counter({ name: 'shard_events_forwarded_total', help: 'Events acknowledged by the Worker', labelNames: ['type'], registers: [this.registry] });
  readonly dropped = new Counter({ name: 'shard_events_dropped_total', help: 'Events not forwarded, by reason (not_needed, duplicate, spool_full, spool_age)', labelNames: ['type', 'reason'], registers: [this.registry] });
  readonly batchLatency = new Histogram({
    name: 'shard_batch_latency_seconds',
    help: 'From the oldest event of a batch entering the spool to its ack',
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
    registers: [this.registry],
  });
  readonly deliveryFailures = new Counter({ name: 'shard_delivery_failures_total', help: 'Failed ingest attempts', labelNames: ['status'], registers: [this.registry] });
  readonly spoolDepth = new Gauge({ name: 'shard_spool_depth', help: 'Events waiting for an ack', registers: [this.registry] });
  readonly reconnects = new Counter({ name: 'shard_gateway_reconnects_total', help: 'Gateway socket closes followed by a reconnect', labelNames: ['shard'], registers: [this.registry] });
  readonly resumes = new Counter({ name: 'shard_gateway_resumes_total', help: 'Sessions resumed', labelNames: ['shard'], registers: [this.registry] });
  readonly linkReconnects = new Counter({ name: 'shard_config_link_reconnects_total', help: 'Config link reconnect attempts', registers: [this.registry] });

  constructor(options: { defaults?: boolean } = {}) {
    if (options.defaults !== false) collectDefaultMetrics({ register: this.registry });
  }
}

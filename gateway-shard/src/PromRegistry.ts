type Labels = Record<string, string>;

const escape = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
const labelText = (labels: Labels) => {
  const parts = Object.entries(labels).map(([k, v]) => `${k}="${escape(v)}"`);
  return parts.length ? `{${parts.join(',')}}` : '';
};

/** A metric of {@link PromRegistry}: renders its own exposition lines. */
interface Metric {
  render(): string[];
}

/** A monotonically increasing value per label set. */
export class Counter implements Metric {
  readonly #values = new Map<string, { labels: Labels; value: number }>();
  constructor(readonly name: string, readonly help: string) {}

  inc(labels: Labels = {}, by = 1): void {
    const key = labelText(labels);
    const entry = this.#values.get(key);
    if (entry) entry.value += by;
    else this.#values.set(key, { labels, value: by });
  }

  render(): string[] {
    const out = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} counter`];
    for (const [key, { value }] of this.#values) out.push(`${this.name}${key} ${value}`);
    return out;
  }
}

/** A value that goes up and down (no labels: the shard's gauges have none). */
export class Gauge implements Metric {
  #value = 0;
  constructor(readonly name: string, readonly help: string) {}

  set(value: number): void {
    this.#value = value;
  }

  render(): string[] {
    return [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} gauge`, `${this.name} ${this.#value}`];
  }
}

/** Observations counted into cumulative buckets, with their sum and count. */
export class Histogram implements Metric {
  readonly #counts: number[];
  #sum = 0;
  #count = 0;
  constructor(readonly name: string, readonly help: string, private readonly buckets: number[]) {
    this.#counts = buckets.map(() => 0);
  }

  observe(value: number): void {
    this.#sum += value;
    this.#count++;
    for (let i = 0; i < this.buckets.length; i++) if (value <= this.buckets[i]!) this.#counts[i]!++;
  }

  render(): string[] {
    const out = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    this.buckets.forEach((le, i) => out.push(`${this.name}_bucket{le="${le}"} ${this.#counts[i]}`));
    out.push(`${this.name}_bucket{le="+Inf"} ${this.#count}`, `${this.name}_sum ${this.#sum}`, `${this.name}_count ${this.#count}`);
    return out;
  }
}

/**
 * A minimal Prometheus registry (text format 0.0.4). Why not prom-client: with its default
 * collectors it adds several MB of RSS to a process meant to stay small, and the shard needs
 * only counters, two gauges and one histogram. Process figures (RSS, heap) are read at scrape time.
 */
export class PromRegistry {
  readonly contentType = 'text/plain; version=0.0.4; charset=utf-8';
  readonly #metrics: Metric[] = [];

  constructor(private readonly processMetrics = true) {}

  /** Adds a metric and returns it. */
  register<M extends Metric>(metric: M): M {
    this.#metrics.push(metric);
    return metric;
  }

  /** The exposition text. Async like prom-client's, so callers do not depend on which one this is. */
  async metrics(): Promise<string> {
    const lines = this.#metrics.flatMap((m) => m.render());
    if (this.processMetrics) {
      const mem = process.memoryUsage();
      const cpu = process.cpuUsage();
      lines.push(
        '# HELP process_resident_memory_bytes Resident memory size in bytes.',
        '# TYPE process_resident_memory_bytes gauge',
        `process_resident_memory_bytes ${mem.rss}`,
        '# HELP process_cpu_seconds_total Total user and system CPU time spent in seconds.',
        '# TYPE process_cpu_seconds_total counter',
        `process_cpu_seconds_total ${(cpu.user + cpu.system) / 1e6}`,
        '# HELP nodejs_heap_size_used_bytes Process heap size used from Node.js in bytes.',
        '# TYPE nodejs_heap_size_used_bytes gauge',
        `nodejs_heap_size_used_bytes ${mem.heapUsed}`,
        '# HELP nodejs_external_memory_bytes Node.js external memory size in bytes.',
        '# TYPE nodejs_external_memory_bytes gauge',
        `nodejs_external_memory_bytes ${mem.external}`,
      );
    }
    return `${lines.join('\n')}\n`;
  }
}

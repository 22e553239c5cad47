import { describe, expect, it } from 'vitest';
import { Counter, Gauge, Histogram, PromRegistry } from './PromRegistry';

describe('PromRegistry', () => {
  it('renders counters by label set, gauges and cumulative histogram buckets in the text format', async () => {
    const r = new PromRegistry(false);
    const c = r.register(new Counter('x_total', 'X'));
    const g = r.register(new Gauge('depth', 'D'));
    const h = r.register(new Histogram('lat_seconds', 'L', [0.1, 1]));
    c.inc({ type: 'A' });
    c.inc({ type: 'A' }, 2);
    c.inc({ type: 'say "hi"\n' });
    g.set(5);
    g.set(3);
    for (const v of [0.05, 0.5, 5]) h.observe(v);
    const text = await r.metrics();
    expect(text).toContain('# TYPE x_total counter\nx_total{type="A"} 3\nx_total{type="say \\"hi\\"\\n"} 1\n');
    expect(text).toContain('# TYPE depth gauge\ndepth 3\n');
    expect(text).toContain('lat_seconds_bucket{le="0.1"} 1\nlat_seconds_bucket{le="1"} 2\nlat_seconds_bucket{le="+Inf"} 3\nlat_seconds_sum 5.55\nlat_seconds_count 3\n');
    expect(text).not.toContain('process_resident_memory_bytes');
    expect(await new PromRegistry().metrics()).toMatch(/process_resident_memory_bytes [1-9]\d+/);
  });
});

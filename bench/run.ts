/**
 * `npm run bench`: runs every bench suite in this folder, prints one table and writes every
 * figure to bench/results.json (merged into the figures already there) as `{"name": {"value": n, "unit": "ms", "baseline"?, "ratio"?}}`.
 * Suites are separate files exporting a `run…Bench()` function; `--only name` runs one.
 */
import { readFileSync, writeFileSync } from 'node:fs';

/** One measured figure. */
export interface Figure {
  value: number;
  unit: string;
  baseline?: number;
  ratio?: number;
}

type Suite = { name: string; load: () => Promise<() => Promise<Record<string, Figure>>> };

const suites: Suite[] = [
  { name: 'interactions', load: async () => (await import('./interactions')).runInteractionsBench },
  { name: 'shard', load: async () => (await import('./shard')).runShardBench },
  { name: 'shards', load: async () => (await import('./shards')).runShardsBench },
  { name: 'ingest', load: async () => (await import('./ingest')).runIngestBench },
  { name: 'dashboard', load: async () => (await import('./dashboard')).runDashboardBench },
  { name: 'leveling', load: async () => (await import('./leveling')).runLevelingBench },
  { name: 'scheduler', load: async () => (await import('./scheduler')).runSchedulerBench },
  { name: 'automod', load: async () => (await import('./automod')).runAutomodBench },
  { name: 'budget', load: async () => (await import('./budget')).runBudgetBench },
  { name: 'budget-moderation', load: async () => { const { runBudgetBench } = await import('./budget'); return () => runBudgetBench({ variant: 'moderation' }); } },
  { name: 'budget-automod', load: async () => { const { runBudgetBench } = await import('./budget'); return () => runBudgetBench({ variant: 'automod' }); } },
];

const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
const results: Record<string, Figure> = {};
const failures: string[] = [];

for (const suite of suites) {
  if (only && suite.name !== only) continue;
  let run: () => Promise<Record<string, Figure>>;
  try {
    run = await suite.load();
  } catch (err) {
    failures.push(`${suite.name}: not available (${(err as Error).message.split('\n')[0]})`);
    continue;
  }
  const started = Date.now();
  process.stderr.write(`bench ${suite.name}…\n`);
  try {
    Object.assign(results, await run());
    process.stderr.write(`bench ${suite.name} done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  } catch (err) {
    failures.push(`${suite.name}: failed (${(err as Error).stack ?? err})`);
  }
}

const fmt = (n: number | undefined) => (n === undefined ? '' : Number.isInteger(n) ? String(n) : n.toPrecision(4));
const rows = Object.entries(results).map(([name, f]) => [name, fmt(f.value), f.unit, fmt(f.baseline), fmt(f.ratio)]);
const header = ['figure', 'value', 'unit', 'baseline', 'ratio'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
console.log(line(header));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const r of rows) console.log(line(r));
for (const f of failures) console.log(`! ${f}`);

// Merge: figures of suites not run this time (`--only`, or a suite that failed) are kept.
const file = new URL('./results.json', import.meta.url);
let previous: Record<string, Figure>;
try {
  previous = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Figure>;
} catch {
  previous = {};
}
writeFileSync(file, `${JSON.stringify({ ...previous, ...results }, null, 2)}\n`);
process.exit(failures.length ? 1 : 0);

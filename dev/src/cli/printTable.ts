/** Prints one aligned table of what runs where (no secrets). */
export function printTable(rows: [string, string][], title: string): void {
  const w = Math.max(...rows.map(([a]) => a.length));
  const lines = rows.map(([a, b]) => `  ${a.padEnd(w)}  ${b}`);
  process.stdout.write(`\n${title}\n${lines.join('\n')}\n\n`);
}

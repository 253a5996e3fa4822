import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** One measured figure: how many items in how long, and what it is compared against. */
export interface Figure {
  name: string;
  items: number;
  ms: number;
  unit: string;
  goal?: number;
}

export const perSecond = (f: Figure): number => Math.round((f.items * 1000) / f.ms);

export async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const started = process.hrtime.bigint();
  const result = await work();
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, result };
}

export function printTable(title: string, figures: Figure[]): void {
  const rows = figures.map((f) => [
    f.name,
    f.items.toLocaleString('en'),
    `${(f.ms / 1000).toFixed(2)} s`,
    `${perSecond(f).toLocaleString('en')} ${f.unit}/s`,
    f.goal ? `${perSecond(f) >= f.goal ? 'meets' : 'BELOW'} goal ${f.goal.toLocaleString('en')}/s` : '',
  ]);
  const widths = [0, 1, 2, 3, 4].map((i) => Math.max(...rows.map((r) => r[i].length), 4));
  process.stdout.write(`\n${title}\n`);
  for (const row of rows) process.stdout.write(`  ${row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ')}\n`);
}

export function writeResults(repoRoot: string, name: string, data: unknown): string {
  const dir = join(repoRoot, 'bench-results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), ...(data as object) }, null, 2));
  return file;
}

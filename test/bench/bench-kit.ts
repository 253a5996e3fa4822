import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { INestApplication } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { join } from 'node:path';
import { MessagingMetrics } from '@jaring/messaging';

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

/** The raw Kafka consume limit: a fresh group reads `expected` messages of `topic` and does nothing with them. */
export async function consumeRaw(kafka: Kafka, topic: string, expected: number): Promise<void> {
  const consumer = kafka.consumer({ groupId: `bench-raw-${randomUUID()}`, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  let seen = 0;
  await new Promise<void>((resolve) => {
    void consumer.run({
      eachBatchAutoResolve: true,
      partitionsConsumedConcurrently: 3,
      eachBatch: async ({ batch }) => {
        seen += batch.messages.length;
        if (seen >= expected) resolve();
      },
    });
  });
  await consumer.disconnect();
}

/** A service's event backbone counters: events its consumer applied and dead-lettered, events its relay published. */
export interface BackboneCounts {
  applied: number;
  deadLettered: number;
  published: number;
}

export async function backboneCounts(app: INestApplication): Promise<BackboneCounts> {
  const metrics = app.get(MessagingMetrics);
  if (!metrics.applied || !metrics.deadLettered || !metrics.published) throw new Error('the service has no metrics registry');
  const value = async (counter: NonNullable<MessagingMetrics['applied']>) => (await counter.get()).values.reduce((sum, v) => sum + v.value, 0);
  return { applied: await value(metrics.applied), deadLettered: await value(metrics.deadLettered), published: await value(metrics.published) };
}

/**
 * Waits, reading the service's own counters, until `done(counts since start)` holds. Polling count(*) over
 * the service's tables instead loads the very database being measured: a scan of 200,000 invoices every
 * 100 ms took a third of PostgreSQL's core. A dead letter ends the run: the figure would not be a result.
 */
export async function untilCounted(app: INestApplication, start: BackboneCounts, done: (since: BackboneCounts) => boolean): Promise<void> {
  for (;;) {
    const now = await backboneCounts(app);
    const since = { applied: now.applied - start.applied, deadLettered: now.deadLettered - start.deadLettered, published: now.published - start.published };
    if (since.deadLettered > 0) throw new Error(`${since.deadLettered} event(s) were dead-lettered during the run`);
    if (done(since)) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

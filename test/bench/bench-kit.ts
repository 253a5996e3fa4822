import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { INestApplication } from '@nestjs/common';
import { AssignerProtocol, type Admin, type Kafka } from 'kafkajs';
import { Agent, request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { MessagingMetrics } from '@jaring/messaging';
import { clientAuthorization } from '../../deploy/local/oidc/sign-in';

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
  for (const row of rows)
    process.stdout.write(`  ${row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ')}\n`);
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
      eachBatch: ({ batch }) => {
        seen += batch.messages.length;
        if (seen >= expected) resolve();
        return Promise.resolve();
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
  const value = async (counter: NonNullable<MessagingMetrics['applied']>) =>
    (await counter.get()).values.reduce((sum, v) => sum + v.value, 0);
  return {
    applied: await value(metrics.applied),
    deadLettered: await value(metrics.deadLettered),
    published: await value(metrics.published),
  };
}

/**
 * Waits, reading the service's own counters, until `done(counts since start)` holds. Polling count(*) over
 * the service's tables instead loads the very database being measured: a scan of 200,000 invoices every
 * 100 ms took a third of PostgreSQL's core. A dead letter ends the run: the figure would not be a result.
 */
export async function untilCounted(app: INestApplication, start: BackboneCounts, done: (since: BackboneCounts) => boolean): Promise<void> {
  for (;;) {
    const now = await backboneCounts(app);
    const since = {
      applied: now.applied - start.applied,
      deadLettered: now.deadLettered - start.deadLettered,
      published: now.published - start.published,
    };
    if (since.deadLettered > 0) throw new Error(`${since.deadLettered} event(s) were dead-lettered during the run`);
    if (done(since)) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * The raw PostgreSQL insert limit: `rows` invoice-shaped rows (uuid keys, a unique pair, an amount, jsonb
 * lines) into a scratch table, 5,000 a statement with unnest; nothing else.
 */
export async function rawInvoiceInserts(query: (sql: string, params?: unknown[]) => Promise<unknown>, rows: number): Promise<Figure> {
  await query(
    `CREATE TABLE bench_raw_invoices (id uuid PRIMARY KEY, worker_id uuid NOT NULL, period text NOT NULL, amount bigint NOT NULL, lines jsonb NOT NULL, UNIQUE (worker_id, period))`,
  );
  const lines = JSON.stringify([
    { program: 'JKK', amount: 10_000 },
    { program: 'JKM', amount: 6_800 },
  ]);
  const { ms } = await timed(async () => {
    for (let start = 0; start < rows; start += RAW_ROWS_A_STATEMENT) {
      const n = Math.min(RAW_ROWS_A_STATEMENT, rows - start);
      await query(
        `INSERT INTO bench_raw_invoices SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::bigint[], $5::jsonb[]) ON CONFLICT DO NOTHING`,
        [
          Array.from({ length: n }, () => randomUUID()),
          Array.from({ length: n }, () => randomUUID()),
          new Array<string>(n).fill('2026-11'),
          new Array<number>(n).fill(16_800),
          new Array<string>(n).fill(lines),
        ],
      );
    }
  });
  return { name: 'raw PostgreSQL insert (invoice rows, unnest, 5,000 a statement)', items: rows, ms, unit: 'rows' };
}

const RAW_ROWS_A_STATEMENT = 5_000;

/** Latency percentiles of a run, in milliseconds. */
export interface Latency {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function latencyOf(samplesMs: number[]): Latency {
  const sorted = Float64Array.from(samplesMs).sort();
  const at = (q: number) =>
    sorted.length ? Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] * 10) / 10 : 0;
  return { count: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: at(1) };
}

/**
 * A consumer group's lag: the messages on the partitions its members are assigned that it has not
 * committed yet. (Committed offsets alone are not enough: a group may hold offsets of topics it no
 * longer reads, such as those a test moved to the ends.)
 */
export async function consumerGroupLag(admin: Admin, groupId: string): Promise<number> {
  const { groups } = await admin.describeGroups([groupId]);
  // A group between members (a rebalance, a restart) has no assignments to measure: not "caught up".
  if (groups[0]?.state !== 'Stable' || !groups[0].members.length)
    throw new Error(`${groupId} is ${groups[0]?.state ?? 'unknown'}, without assignments`);
  const assigned = new Set<string>();
  for (const member of groups[0].members) {
    const decoded = AssignerProtocol.MemberAssignment.decode(member.memberAssignment);
    for (const [topic, partitions] of Object.entries(decoded?.assignment ?? {}))
      for (const partition of partitions) assigned.add(`${topic}/${partition}`);
  }
  const topics = [...new Set([...assigned].map((key) => key.slice(0, key.lastIndexOf('/'))))];
  const committed = await admin.fetchOffsets({ groupId, topics });
  let lag = 0;
  for (const { topic, partitions } of committed) {
    const ends = new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, Number(p.high)]));
    for (const { partition, offset } of partitions) {
      if (!assigned.has(`${topic}/${partition}`)) continue;
      const end = ends.get(partition) ?? 0;
      lag += Number(offset) >= 0 ? Math.max(0, end - Number(offset)) : end;
    }
  }
  return lag;
}

/** Throws unless the contributions ledger balances: entries sum to zero overall and within every journal. */
export async function expectBalancedLedger(query: (sql: string) => Promise<any[]>): Promise<void> {
  const [ledger] = (await query(
    `SELECT (SELECT coalesce(sum(amount), 0)::bigint FROM ledger_entries) AS total,
            (SELECT count(*)::int FROM (SELECT 1 FROM ledger_entries GROUP BY journal_id HAVING sum(amount) <> 0) u) AS unbalanced`,
  )) as Array<{ total: string; unbalanced: number }>;
  if (Number(ledger.total) !== 0 || ledger.unbalanced !== 0)
    throw new Error(`the ledger does not balance: total ${ledger.total}, ${ledger.unbalanced} journals`);
}

/** The OpenID provider the bench run started (run.ts sets OIDC_ISSUER): the services under bench accept its tokens. */
export function benchIssuer(): string {
  const issuer = process.env.OIDC_ISSUER;
  if (!issuer) throw new Error('OIDC_ISSUER must be set (test/bench/run.ts sets it)');
  return issuer;
}

/** `{ authorization: 'Bearer …' }` of a development client: benches call the API as its callers do. */
export function benchCaller(clientId: string): Promise<{ authorization: string }> {
  return clientAuthorization(benchIssuer(), clientId);
}

/**
 * Closed loop: `concurrency` callers each start the next of `count` requests as soon as their previous one
 * is answered, so the server is kept saturated (its throughput, not a latency at a given rate).
 */
export async function closedLoop(count: number, concurrency: number, send: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await send(next++);
    }),
  );
}

/** A goal (issue 18) beside what the run measured: printed with the figures and written into the results. */
export interface GoalCheck {
  what: string;
  measured: number;
  unit: string;
  /** The goal as printed, e.g. `>= 50 %`. */
  goal: string;
  met: boolean;
}

const BOUNDS = {
  '>=': (measured: number, target: number) => measured >= target,
  '<=': (measured: number, target: number) => measured <= target,
  '<': (measured: number, target: number) => measured < target,
};

export function goalCheck(what: string, measured: number, unit: string, bound: keyof typeof BOUNDS, target: number): GoalCheck {
  return { what, measured, unit, goal: `${bound} ${target.toLocaleString('en')} ${unit}`, met: BOUNDS[bound](measured, target) };
}

/** `measured` as a percentage of `whole`, to a tenth. */
export const percentOf = (measured: number, whole: number): number => Math.round((measured * 1000) / Math.max(1, whole)) / 10;

export function printGoals(title: string, goals: GoalCheck[]): void {
  const measured = goals.map((g) => `${g.measured.toLocaleString('en')} ${g.unit}`);
  const whatWidth = Math.max(...goals.map((g) => g.what.length));
  const measuredWidth = Math.max(...measured.map((m) => m.length));
  process.stdout.write(`\n${title}\n`);
  for (const [i, g] of goals.entries())
    process.stdout.write(
      `  ${g.what.padEnd(whatWidth)}  ${measured[i].padStart(measuredWidth)}  ${g.met ? 'meets' : 'MISSES'} goal ${g.goal}\n`,
    );
}

/**
 * A plain HTTP/1.1 client on kept-alive connections, for the closed loops that share the process with the service
 * they measure. `fetch` builds a Request, a Response and a web stream for each call: 100 µs of the process's CPU a
 * GET and 280 µs a POST with a body in the contributions bench's profiles, charged to the service it measures, and
 * more to a POST than to the floor's GET. This one costs both about the same.
 */
export class LoadClient {
  private readonly agent: Agent;
  private readonly url: URL;

  constructor(base: string, connections: number) {
    this.url = new URL(base);
    this.agent = new Agent({ keepAlive: true, maxSockets: connections });
  }

  /** The answer's status and body; the body is sent as JSON when there is one. */
  send(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const request = httpRequest(
        {
          host: this.url.hostname,
          port: this.url.port,
          method,
          path,
          agent: this.agent,
          headers:
            payload === undefined
              ? headers
              : { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
        },
        (response) => {
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (text += chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
          response.on('error', reject);
        },
      );
      request.on('error', reject);
      request.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

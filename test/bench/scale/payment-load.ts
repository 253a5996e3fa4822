import { randomUUID } from 'node:crypto';
import { latencyOf, type Latency } from '../bench-kit';

/** One worker's payment as a bank channel sends it. */
export interface ChannelPayment {
  workerId: string;
  amount: number;
  reference: string;
}

export interface LoadResult {
  sent: number;
  /** Each request's latency (ms) by the second of the run it was due in (open loops only). */
  bySecond: number[][];
  failed: number;
  /** The first few refusals, for the report. */
  errors: string[];
  latency: Latency;
  firstAt: number;
  lastAt: number;
}

/** Where payments go, and the channel's credential (its access token: the payment is recorded under its channel). */
export interface PaymentsApi {
  baseUrl: string;
  authorization: string;
}

/** POST /v1/payments as a channel does: an Idempotency-Key per payment, the channel's reference in the body. */
async function postPayment(api: PaymentsApi, payment: ChannelPayment): Promise<{ ok: boolean; error?: string }> {
  const response = await fetch(`${api.baseUrl}/v1/payments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: api.authorization, 'idempotency-key': randomUUID() },
    body: JSON.stringify({ workerId: payment.workerId, amount: payment.amount, externalReference: payment.reference }),
  });
  const text = await response.text();
  return response.status === 201 ? { ok: true } : { ok: false, error: `${response.status} ${text.slice(0, 300)}` };
}

class Recorder {
  readonly latencies: number[] = [];
  readonly bySecond: number[][] = [];
  readonly errors: string[] = [];
  failed = 0;
  firstAt = 0;
  lastAt = 0;

  /** `second`: the second of an open loop the request was due in, to see when its tail happened. */
  async send(api: PaymentsApi, payment: ChannelPayment, since: number, second?: number): Promise<void> {
    if (!this.firstAt) this.firstAt = Date.now();
    // fetch says only "fetch failed"; the cause says what the connection did (refused, reset, timed out).
    const answer = await postPayment(api, payment).catch((error: Error & { cause?: { code?: string; message?: string } }) => ({
      ok: false,
      error: `${error.message}${error.cause ? ` (${error.cause.code ?? error.cause.message})` : ''}`,
    }));
    this.lastAt = Date.now();
    const latency = performance.now() - since;
    this.latencies.push(latency);
    if (second !== undefined) (this.bySecond[second] ??= []).push(latency);
    if (!answer.ok) {
      this.failed++;
      if (this.errors.length < 5) this.errors.push(answer.error ?? 'unknown');
    }
  }

  result(): LoadResult {
    return {
      sent: this.latencies.length,
      bySecond: this.bySecond,
      failed: this.failed,
      errors: this.errors,
      latency: latencyOf(this.latencies),
      firstAt: this.firstAt,
      lastAt: this.lastAt,
    };
  }
}

/**
 * Closed loop: `concurrency` channels each send the next payment of the queue as soon as their previous
 * one is answered, as long as the queue gets payments (the invoices issued meanwhile) or until `stop`.
 */
export class PaymentQueue {
  private readonly queue: ChannelPayment[] = [];
  private next = 0;
  private stopped = false;
  private readonly recorder = new Recorder();
  private running: Promise<void[]> | undefined;

  constructor(
    private readonly api: PaymentsApi,
    private readonly concurrency: number,
  ) {}

  push(payment: ChannelPayment): void {
    this.queue.push(payment);
  }

  get sent(): number {
    return this.recorder.latencies.length;
  }

  get waiting(): number {
    return this.queue.length - this.next;
  }

  start(): void {
    this.running = Promise.all(
      Array.from({ length: this.concurrency }, async () => {
        while (!this.stopped) {
          const payment = this.next < this.queue.length ? this.queue[this.next++] : undefined;
          if (!payment) await new Promise((resolve) => setTimeout(resolve, 5));
          else await this.recorder.send(this.api, payment, performance.now());
        }
      }),
    );
  }

  async stop(): Promise<LoadResult> {
    this.stopped = true;
    await this.running;
    return this.recorder.result();
  }
}

/**
 * Open loop: one payment every 1/rate s whatever the answers, for as long as there are payments; each
 * latency counts from when the payment was due to be sent, so a server that falls behind shows it (a
 * closed loop would slow down with it and hide the wait).
 */
export async function paymentsAtRate(api: PaymentsApi, payments: ChannelPayment[], perSecond: number): Promise<LoadResult> {
  const recorder = new Recorder();
  const inFlight: Array<Promise<void>> = [];
  const started = performance.now();
  let sent = 0;
  while (sent < payments.length) {
    const dueNow = Math.min(payments.length, Math.floor(((performance.now() - started) * perSecond) / 1000) + 1);
    for (; sent < dueNow; sent++) {
      const dueAt = (sent * 1000) / perSecond;
      inFlight.push(recorder.send(api, payments[sent], started + dueAt, Math.floor(dueAt / 1000)));
    }
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  await Promise.all(inFlight);
  return recorder.result();
}

/** One open loop of the payments API: the rate offered and reached, the latency, the failures, and the goal. */
export interface OpenLoopRun extends Latency {
  offered: number;
  reached: number;
  /** From the first request sent to the last answer. */
  ms: number;
  failed: number;
  errors: string[];
  /** The goal: a p99 below this (none when the rate has no goal), and no failures. */
  p99GoalMs: number | undefined;
  met: boolean;
  /** Where the tail was: the second with the highest p99 (from 0), and the p99 of every second but the first. */
  worstSecond: { second: number; p99: number };
  p99AfterFirstSecond: number;
}

export function openLoopRun(offered: number, load: LoadResult, p99GoalMs: number | undefined): OpenLoopRun {
  const ms = Math.max(1, load.lastAt - load.firstAt);
  const met = p99GoalMs !== undefined && load.latency.p99 < p99GoalMs && load.failed === 0;
  const seconds = load.bySecond.map((latencies, second) => ({ second, p99: latencyOf(latencies ?? []).p99 }));
  return {
    worstSecond: seconds.reduce((worst, s) => (s.p99 > worst.p99 ? s : worst), { second: 0, p99: 0 }),
    p99AfterFirstSecond: latencyOf(load.bySecond.slice(1).flat()).p99,
    offered,
    reached: Math.round((load.sent * 1000) / ms),
    ms,
    ...load.latency,
    failed: load.failed,
    errors: load.errors,
    p99GoalMs,
    met,
  };
}

export function printOpenLoopRuns(runs: OpenLoopRun[]): void {
  const header = ['offered', 'reached', 'requests', 'p50', 'p95', 'p99', 'max', 'failed'];
  const rows = runs.map((run) => [
    `${run.offered}/s`,
    `${run.reached}/s`,
    run.count.toLocaleString('en'),
    ...[run.p50, run.p95, run.p99, run.max].map((ms) => `${ms.toLocaleString('en')} ms`),
    run.failed.toLocaleString('en'),
  ]);
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padStart(widths[i])).join('  ');
  process.stdout.write(`\n  POST /v1/payments alone, open loop\n  ${line(header)}\n`);
  for (const [i, run] of runs.entries()) {
    const goal = run.p99GoalMs === undefined ? 'no goal at this rate' : `p99 < ${run.p99GoalMs} ms, no failures`;
    process.stdout.write(`  ${line(rows[i])}  ${run.p99GoalMs === undefined ? '' : run.met ? 'meets goal ' : 'MISSES goal '}${goal}\n`);
  }
  // Where each run's tail was: a slow first second (connections opened, pools filled) or spread over the run.
  for (const run of runs) {
    process.stdout.write(
      `  at ${run.offered}/s: the slowest second was second ${run.worstSecond.second} (p99 ${run.worstSecond.p99} ms); ` +
        `every second but the first: p99 ${run.p99AfterFirstSecond} ms (for where the tail was; the goal is read on the whole run)\n`,
    );
  }
}

import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes, randomUUID } from 'node:crypto';

/**
 * What follows a piece of work from an HTTP request to the events it causes and the events those cause:
 * a correlation id shared by the whole chain, the id of the event that caused this work (if any), and a
 * W3C trace context (https://www.w3.org/TR/trace-context/) so traces join up across services.
 */
export interface TraceContext {
  correlationId: string;
  causationId?: string;
  traceparent: string;
}

const storage = new AsyncLocalStorage<TraceContext>();

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/**
 * Random hex from a pool refilled 4 KiB at a time: a span id for every event of a batch of thousands
 * made one `randomBytes` call each, which showed in the profile of applying payments.
 */
let pool = Buffer.alloc(0);
let used = 0;
function randomHex(bytes: number): string {
  if (used + bytes > pool.length) {
    pool = randomBytes(4096);
    used = 0;
  }
  used += bytes;
  return pool.toString('hex', used - bytes, used);
}

export function newTraceparent(): string {
  return `00-${randomHex(16)}-${randomHex(8)}-01`;
}

/** A new span in the same trace as `parent`; a fresh trace when `parent` is missing or malformed. */
export function childTraceparent(parent: string | undefined): string {
  const match = parent ? TRACEPARENT.exec(parent) : null;
  if (!match || /^0+$/.test(match[1])) return newTraceparent();
  return `00-${match[1]}-${randomHex(8)}-${match[3]}`;
}

export function isValidTraceparent(value: string | undefined): value is string {
  return !!value && TRACEPARENT.test(value);
}

/** Runs `work` with `context` as the current trace context (for everything it awaits, too). */
export function runWithTraceContext<T>(context: TraceContext, work: () => T): T {
  return storage.run(context, work);
}

export function currentTraceContext(): TraceContext | undefined {
  return storage.getStore();
}

/** The current context, or a new root one for work that no request or event started (schedules, scripts). */
export function currentOrNewTraceContext(): TraceContext {
  return storage.getStore() ?? { correlationId: randomUUID(), traceparent: newTraceparent() };
}

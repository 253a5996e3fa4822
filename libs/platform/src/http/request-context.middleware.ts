import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { Injectable, type NestMiddleware } from '@nestjs/common';
import { childTraceparent, runWithTraceContext, type TraceContext } from '../trace-context';

export const CORRELATION_ID_HEADER = 'x-correlation-id';
export const TRACEPARENT_HEADER = 'traceparent';

/** What a caller may send as a correlation id: it ends up in logs and Kafka headers, so keep it tame. */
const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

const contexts = new WeakMap<IncomingMessage, TraceContext>();

/**
 * The trace context of an incoming request: the caller's correlation id (or a new UUID) and a new span in
 * the caller's trace (or a new trace when `traceparent` is missing or malformed).
 */
export function traceContextFromHeaders(headers: IncomingHttpHeaders): TraceContext {
  const correlationId = single(headers[CORRELATION_ID_HEADER]);
  return {
    correlationId: correlationId && CORRELATION_ID.test(correlationId) ? correlationId : randomUUID(),
    traceparent: childTraceparent(single(headers[TRACEPARENT_HEADER])),
  };
}

/** The context `requestContextMiddleware` gave this request (for code that runs outside its async scope). */
export function traceContextOf(request: IncomingMessage): TraceContext | undefined {
  return contexts.get(request);
}

/**
 * Gives every request a trace context, echoes `x-correlation-id` in the response and runs the rest of the
 * request inside `runWithTraceContext`, so that logs and the events the request causes carry the ids.
 *
 * Install it before the body parsers (bootstrapHttpService does, with `app.use`), so that even a request
 * rejected for a malformed body gets its correlation id back. Called again on a request that already has
 * a context (e.g. once from `app.use` and once from a module), it re-enters that context instead of
 * making a new one.
 */
export function requestContextMiddleware(request: IncomingMessage, response: ServerResponse, next: (error?: unknown) => void): void {
  let context = contexts.get(request);
  if (!context) {
    context = traceContextFromHeaders(request.headers);
    contexts.set(request, context);
    if (!response.headersSent) response.setHeader(CORRELATION_ID_HEADER, context.correlationId);
  }
  runWithTraceContext(context, () => next());
}

/** The same, as a Nest middleware class for `consumer.apply(RequestContextMiddleware).forRoutes(...)`. */
@Injectable()
export class RequestContextMiddleware implements NestMiddleware {
  use(request: IncomingMessage, response: ServerResponse, next: (error?: unknown) => void): void {
    requestContextMiddleware(request, response, next);
  }
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

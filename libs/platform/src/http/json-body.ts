import type { IncomingMessage, ServerResponse } from 'node:http';
import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Observable } from 'rxjs';
import { type FieldError, Problem, problemType, ValidationProblem } from './problem';

const READS_BODY_ITSELF = 'jaring:reads-body-itself';

/** The handler reads and checks its request body itself (a CSV upload): the JSON-only rule does not apply. */
export const ReadsBodyItself = () => SetMetadata(READS_BODY_ITSELF, true);

const isJson = (mediaType: string) => mediaType === 'application/json' || mediaType.endsWith('+json');

/**
 * The API speaks JSON: a request that has a body of another media type (`text/plain`, a form) is a 415
 * problem, before anything reads it. Without this, Express leaves such a body unparsed, the handler sees no
 * input at all, and an endpoint whose fields are all optional would act on defaults the client never chose.
 * Requests without a body pass (their endpoint's validation decides whether a body was needed).
 */
@Injectable()
export class JsonBodyInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (
      context.getType() === 'http' &&
      !this.reflector.getAllAndOverride<boolean>(READS_BODY_ITSELF, [context.getHandler(), context.getClass()])
    ) {
      const { headers } = context.switchToHttp().getRequest<IncomingMessage>();
      const hasBody = Number(headers['content-length'] ?? 0) > 0 || headers['transfer-encoding'] !== undefined;
      const mediaType = (headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
      if (hasBody && !isJson(mediaType)) {
        throw Problem.unsupportedMediaType(`send the body as application/json${mediaType ? `, not ${mediaType}` : ''}`, {
          type: problemType('unsupported-media-type'),
        });
      }
    }
    return next.handle();
  }
}

/** Keys that name or reach an object's prototype: refused in any JSON body (prototype pollution). */
const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
const MOST_REPORTED = 20;

/**
 * The dotted paths (`heirs.0.__proto__`) of every own key named `__proto__`, `constructor` or `prototype` in
 * a parsed JSON value, at any depth, arrays included (at most 20). `JSON.parse` makes `"__proto__"` an own
 * property (it does not set the prototype), so own keys are what is looked at. Walked without recursion:
 * a deeply nested body must not overflow the stack.
 */
export function prototypeKeyPaths(value: unknown): string[] {
  const paths: string[] = [];
  const pending: Array<{ value: unknown; path: string }> = [{ value, path: '' }];
  for (let next = pending.pop(); next && paths.length < MOST_REPORTED; next = pending.pop()) {
    if (next.value === null || typeof next.value !== 'object') continue;
    const keys = Object.keys(next.value);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i];
      const path = next.path ? `${next.path}.${key}` : key;
      if (PROTOTYPE_KEYS.has(key)) paths.push(path);
      else pending.push({ value: (next.value as Record<string, unknown>)[key], path });
    }
  }
  return paths;
}

/**
 * Express middleware, right after the JSON body parser: a body with a `__proto__`, `constructor` or
 * `prototype` key anywhere is a 400 validation problem naming each such key's path, before anything reads
 * the body (otherwise the key is silently dropped, or worse, reaches an object's prototype). No value is echoed.
 */
export function refusePrototypeKeys(
  request: IncomingMessage & { body?: unknown },
  _response: ServerResponse,
  next: (error?: unknown) => void,
): void {
  const paths = typeof request.body === 'object' && request.body !== null ? prototypeKeyPaths(request.body) : [];
  if (paths.length === 0) return next();
  const errors: FieldError[] = paths.map((field) => ({ field, reason: 'this key is not accepted' }));
  next(new ValidationProblem(errors));
}

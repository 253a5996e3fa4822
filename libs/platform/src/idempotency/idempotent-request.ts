// `hash` (one call) rather than `createHash`: no Hash object per digest, a third of the time on a request's short texts.
import { hash } from 'node:crypto';
import { idempotencyScopeOf, type Caller } from '../auth/caller';
import { Problem, problemType } from '../http/problem';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
/** The header a partner's API key may come in; its hash scopes keys of requests the guard did not identify. */
export const API_KEY_HEADER = 'x-api-key';
export const ANONYMOUS_SCOPE = 'anonymous';

/** What identifies one idempotent request: who asks (scope), with which key, and what exactly. */
export interface IdempotentRequest {
  scope: string;
  key: string;
  /** SHA-256 of method, path and canonical body: the same key with another request is refused. */
  fingerprint: string;
}

/** The parts of an HTTP request the helper reads (Express's Request has them). */
export interface RequestLike {
  method: string;
  path?: string;
  originalUrl?: string;
  url?: string;
  headers: Record<string, string | string[] | undefined>;
  body?: unknown;
  caller?: Caller;
}

const KEY_FORMAT = /^[\x21-\x7e]{1,255}$/;

/**
 * Reads the `Idempotency-Key` of a request that requires one: missing or malformed → 400 naming the
 * header (IETF draft-ietf-httpapi-idempotency-key-header). `scope` defaults to the caller: its client when
 * the access guard identified one, else the hash of the `X-Api-Key` header, else `anonymous`.
 */
export function idempotentRequestOf(request: RequestLike, scope: string = callerScopeOf(request)): IdempotentRequest {
  const raw = request.headers[IDEMPOTENCY_KEY_HEADER];
  const key = Array.isArray(raw) ? raw[0] : raw;
  if (key === undefined || key === '') {
    throw Problem.badRequest('this request moves money and needs an Idempotency-Key header', {
      type: problemType('idempotency-key-missing'),
      errors: [{ field: 'Idempotency-Key', reason: 'the header is required (a unique value per operation, e.g. a UUID)' }],
    });
  }
  if (!KEY_FORMAT.test(key)) {
    throw Problem.badRequest('the Idempotency-Key header is malformed', {
      type: problemType('idempotency-key-malformed'),
      errors: [{ field: 'Idempotency-Key', reason: 'must be 1 to 255 visible ASCII characters' }],
    });
  }
  const path = (request.originalUrl ?? request.url ?? request.path ?? '').split('?')[0];
  return { scope, key, fingerprint: fingerprintOf(request.method, path, request.body) };
}

export function callerScopeOf(request: RequestLike): string {
  // a signed-in caller (the access guard put it on the request): keys are its client's own
  if (request.caller) return idempotencyScopeOf(request.caller);
  const raw = request.headers[API_KEY_HEADER];
  const apiKey = Array.isArray(raw) ? raw[0] : raw;
  // Never the key itself: the table must not hold a usable credential.
  return apiKey ? `api-key:${hash('sha256', apiKey).slice(0, 32)}` : ANONYMOUS_SCOPE;
}

/** The same request however its JSON members were ordered. */
export function fingerprintOf(method: string, path: string, body: unknown): string {
  return hash('sha256', `${method.toUpperCase()} ${path}\n${canonicalJson(body ?? null)}`);
}

export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * The advisory lock id of a key: 64 bits of SHA-256 over scope and key, so two keys collide with a
 * probability of about 2^-64 (hashtext's 32 bits would make spurious 409s conceivable at volume).
 */
export function idempotencyLockId(request: Pick<IdempotentRequest, 'scope' | 'key'>): string {
  return hash('sha256', `idempotency\0${request.scope}\0${request.key}`, 'buffer').readBigInt64BE(0).toString();
}

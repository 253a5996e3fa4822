import { createHash } from 'node:crypto';
import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Problem, problemType } from '../http/problem';
import type { IdempotentRequest } from './idempotent-request';

/** The answer of an idempotent request: the first one, or its replay. */
export interface IdempotentOutcome<T> {
  status: number;
  body: T;
  replayed: boolean;
}

/** The header set on a replayed answer, so a client can tell (Stripe's `Idempotent-Replayed`). */
export const IDEMPOTENT_REPLAYED_HEADER = 'Idempotent-Replayed';

/** Anything with Express's `status` and `setHeader`. */
export interface ResponseLike {
  status(code: number): unknown;
  setHeader(name: string, value: string): unknown;
}

/**
 * `Idempotency-Key` with Stripe's semantics and the IETF draft's status codes, at the application level:
 *
 *   const outcome = await idempotency.run(idempotentRequestOf(req), (manager) => payments.pay(manager, body));
 *   return idempotency.send(outcome, res);
 *
 * All in ONE database transaction: a transaction-scoped advisory lock on (scope, key), then the stored
 * answer is looked up; if there is none, `work` runs with the transaction's manager and its answer is
 * stored beside its changes. Hence:
 * - a second request while the first still runs → 409 (the lock is held), never a double payment;
 * - the same key and the same request afterwards → the stored status and body, nothing runs again;
 * - the same key with another method, path or body → 422;
 * - a crash or an error in `work` rolls back both the changes and the key: nothing is stored, and the
 *   client may retry (an error answer is not stored; Stripe does the same for failed validation).
 */
@Injectable()
export class Idempotency {
  constructor(private readonly dataSource: DataSource) {}

  async run<T>(request: IdempotentRequest, work: (manager: EntityManager) => Promise<T>, successStatus: number = HttpStatus.CREATED): Promise<IdempotentOutcome<T>> {
    return this.dataSource.transaction(async (manager) => {
      const [{ locked }] = (await manager.query('SELECT pg_try_advisory_xact_lock($1::bigint) AS locked', [idempotencyLockId(request)])) as Array<{ locked: boolean }>;
      if (!locked) {
        throw Problem.conflict('a request with this Idempotency-Key is still being processed; retry later', {
          type: problemType('idempotency-key-in-use'),
        });
      }
      const stored = (await manager.query(
        'SELECT request_hash, response_status, response_body::text AS response_body FROM idempotency_keys WHERE scope = $1 AND key = $2',
        [request.scope, request.key],
      )) as Array<{ request_hash: string; response_status: number; response_body: string }>;
      if (stored.length) {
        if (stored[0].request_hash !== request.fingerprint) {
          throw Problem.unprocessable('this Idempotency-Key was already used for a different request', {
            type: problemType('idempotency-key-reused'),
            errors: [{ field: 'Idempotency-Key', reason: 'use a new key for a new request' }],
          });
        }
        return { status: stored[0].response_status, body: JSON.parse(stored[0].response_body) as T, replayed: true };
      }
      const body = await work(manager);
      await manager.query(
        'INSERT INTO idempotency_keys (scope, key, request_hash, response_status, response_body) VALUES ($1, $2, $3, $4, $5::json)',
        [request.scope, request.key, request.fingerprint, successStatus, JSON.stringify(body)],
      );
      return { status: successStatus, body, replayed: false };
    });
  }

  /** Sets the status (and the replay header) on the response and returns the body for Nest to send. */
  send<T>(outcome: IdempotentOutcome<T>, response: ResponseLike): T {
    response.status(outcome.status);
    if (outcome.replayed) response.setHeader(IDEMPOTENT_REPLAYED_HEADER, 'true');
    return outcome.body;
  }

  /** Forgets keys older than `hours` (24 by Stripe's convention); run from a service's housekeeping. */
  async purgeOlderThan(hours = 24): Promise<number> {
    // TypeORM answers a DELETE with [rows, rowCount].
    const [, count] = (await this.dataSource.query('DELETE FROM idempotency_keys WHERE created_at < now() - make_interval(hours => $1)', [hours])) as [unknown[], number];
    return count;
  }
}

/**
 * The advisory lock id of a key: 64 bits of SHA-256 over scope and key, so two keys collide with a
 * probability of about 2^-64 (hashtext's 32 bits would make spurious 409s conceivable at volume).
 */
export function idempotencyLockId(request: Pick<IdempotentRequest, 'scope' | 'key'>): string {
  return createHash('sha256').update(`idempotency\0${request.scope}\0${request.key}`).digest().readBigInt64BE(0).toString();
}

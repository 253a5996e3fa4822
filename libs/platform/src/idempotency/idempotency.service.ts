import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, type QueryRunner } from 'typeorm';
import type { Settled } from '../batching/group-commit';
import { type GroupWork, idempotencyKeyInUse, idempotencyKeyReused, type IdempotentOutcome, runIdempotentGroup } from './idempotent-group';
import { idempotencyLockId, type IdempotentRequest } from './idempotent-request';
import { beginWith, commitWith, PreparedStatement, rollback } from './statement-batch';

interface StoredAnswer {
  request_hash: string;
  response_status: number;
  response_body: string;
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
 * stored beside its changes. The transaction's own statements cost two round trips in all (BEGIN with
 * the lock and the look-up, the stored answer with COMMIT: see `statement-batch.ts`). Hence:
 * - a second request while the first still runs → 409 (the lock is held), never a double payment;
 * - the same key and the same request afterwards → the stored status and body, nothing runs again;
 * - the same key with another method, path or body → 422;
 * - a crash or an error in `work` rolls back both the changes and the key: nothing is stored, and the
 *   client may retry (an error answer is not stored; Stripe does the same for failed validation).
 */
@Injectable()
export class Idempotency {
  constructor(private readonly dataSource: DataSource) {}

  async run<T>(
    request: IdempotentRequest,
    work: (manager: EntityManager) => Promise<T>,
    /** Or, for a write whose status depends on what it found (201 recorded, 200 already so), asked once `work` ran. */
    successStatus: number | (() => number) = HttpStatus.CREATED,
  ): Promise<IdempotentOutcome<T>> {
    const runner = this.dataSource.createQueryRunner();
    try {
      // One round trip: BEGIN, the key's lock, then its stored answer. Two statements, so the look-up's
      // snapshot is taken once the lock is held: a first request that committed just before is seen (one
      // statement doing both would read an older snapshot).
      const [[{ locked }], stored] = await beginWith<[Array<{ locked: boolean }>, StoredAnswer[]]>(runner, [
        TAKE_KEY.with(idempotencyLockId(request)),
        STORED_ANSWER.with(request.scope, request.key),
      ]);
      if (!locked) {
        throw idempotencyKeyInUse();
      }
      if (stored.length) {
        if (stored[0].request_hash !== request.fingerprint) {
          throw idempotencyKeyReused();
        }
        await rollback(runner); // nothing was written: ending the transaction either way is the same
        return { status: stored[0].response_status, body: JSON.parse(stored[0].response_body) as T, replayed: true };
      }
      const body = await work(runner.manager);
      const status = typeof successStatus === 'function' ? successStatus() : successStatus;
      // The answer is stored beside the work's changes, and committed in the same round trip.
      await commitWith(runner, [STORE_ANSWER.with(request.scope, request.key, request.fingerprint, status, JSON.stringify(body))]);
      return { status, body, replayed: false };
    } catch (error) {
      // As TypeORM's own transaction(): the original error wins over a failed rollback.
      await rollback(runner).catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }

  /**
   * Many requests in ONE transaction (group commit, `runIdempotentGroup`): the same semantics for each as
   * `run`, one commit for all. `work` gets the requests that are neither replayed nor refused and answers
   * each of them on its own.
   */
  runGroup<T>(
    requests: IdempotentRequest[],
    work: (runner: QueryRunner, fresh: number[]) => Promise<GroupWork<T>>,
    successStatus: number = HttpStatus.CREATED,
  ): Promise<Array<Settled<IdempotentOutcome<T>>>> {
    return runIdempotentGroup(this.dataSource, requests, work, successStatus);
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
    const [, count] = await this.dataSource.query<[unknown[], number]>(
      'DELETE FROM idempotency_keys WHERE created_at < now() - make_interval(hours => $1)',
      [hours],
    );
    return count;
  }
}

const TAKE_KEY = new PreparedStatement('idempotency_take_key', ['bigint'], 'SELECT pg_try_advisory_xact_lock($1) AS locked');
const STORED_ANSWER = new PreparedStatement(
  'idempotency_stored_answer',
  ['text', 'text'],
  'SELECT request_hash, response_status, response_body::text AS response_body FROM idempotency_keys WHERE scope = $1 AND key = $2',
);
const STORE_ANSWER = new PreparedStatement(
  'idempotency_store_answer',
  ['text', 'text', 'text', 'integer', 'json'],
  'INSERT INTO idempotency_keys (scope, key, request_hash, response_status, response_body) VALUES ($1, $2, $3, $4, $5)',
);

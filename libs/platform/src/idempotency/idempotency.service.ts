import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, type QueryRunner } from 'typeorm';
import type { Settled } from '../batching/group-commit';
import { type GroupWork, idempotencyKeyInUse, idempotencyKeyReused, type IdempotentOutcome, runIdempotentGroup } from './idempotent-group';
import { idempotencyLockId, type IdempotentRequest } from './idempotent-request';
import { beginWith, type BoundStatement, commitWith, PreparedStatement, rollback } from './statement-batch';

interface StoredAnswer {
  request_hash: string;
  response_status: number;
  response_body: string;
}

/** What work run with `runBatched` answers: the body, and statements to send with the COMMIT. */
export interface IdempotentWork<T> {
  body: T;
  atCommit?: BoundStatement[];
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
 * the lock and the look-up, the stored answer with COMMIT: see `statement-batch.ts`), and with
 * `runBatched` the work's first reads and last write travel in those two as well. Hence:
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
    successStatus: number = HttpStatus.CREATED,
  ): Promise<IdempotentOutcome<T>> {
    return this.runBatched(request, [], async (manager) => ({ body: await work(manager) }), successStatus);
  }

  /**
   * `run` for a hot path, with its first and last statements in the transaction's own round trips:
   * - `reads` go in the first, after BEGIN and the key's statements, and `work` gets their rows. A read
   *   that locks rows (FOR UPDATE) must have `IDEMPOTENCY_KEY_HELD` in its WHERE: a request answered 409
   *   (the key is busy, and its first request holds those same rows) or replayed then neither takes nor
   *   waits for them;
   * - the `atCommit` statements that `work` answers with go in the last, before the stored answer and
   *   COMMIT: a statement there that cannot be committed must fail (an error stops the rest).
   */
  async runBatched<T, R extends unknown[][] = unknown[][]>(
    request: IdempotentRequest,
    reads: BoundStatement[],
    work: (manager: EntityManager, rows: R) => Promise<IdempotentWork<T>>,
    successStatus: number = HttpStatus.CREATED,
  ): Promise<IdempotentOutcome<T>> {
    const runner = this.dataSource.createQueryRunner();
    try {
      // One round trip: BEGIN, the key's lock, its stored answer, the flag, then the work's reads. Each
      // is a statement of its own, so the look-up's snapshot is taken once the lock is held: a first
      // request that committed just before is seen (one statement doing both would read an older snapshot).
      const lockId = idempotencyLockId(request);
      const [[{ locked }], stored, , ...rows] = await beginWith<[Array<{ locked: boolean }>, StoredAnswer[], unknown[], ...R]>(runner, [
        TAKE_KEY.with(lockId),
        STORED_ANSWER.with(request.scope, request.key),
        MARK_KEY_HELD.with(lockId, request.scope, request.key),
        ...reads,
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
      const { body, atCommit = [] } = await work(runner.manager, rows);
      // The answer is stored beside the work's changes, and committed in the same round trip.
      await commitWith(runner, [
        ...atCommit,
        STORE_ANSWER.with(request.scope, request.key, request.fingerprint, successStatus, JSON.stringify(body)),
      ]);
      return { status: successStatus, body, replayed: false };
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

/**
 * True in a transaction of `runBatched` that holds its key with no answer stored for it (a
 * transaction-local setting, so the condition is the same text for every key: reads stay prepared).
 */
export const IDEMPOTENCY_KEY_HELD = `current_setting('jaring.idempotency_key_held', true) = 'on'`;

const TAKE_KEY = new PreparedStatement('idempotency_take_key', ['bigint'], 'SELECT pg_try_advisory_xact_lock($1) AS locked');
const STORED_ANSWER = new PreparedStatement(
  'idempotency_stored_answer',
  ['text', 'text'],
  'SELECT request_hash, response_status, response_body::text AS response_body FROM idempotency_keys WHERE scope = $1 AND key = $2',
);
// Taking a transaction-level advisory lock again in the same transaction succeeds: true when the first
// statement took it (or, harmlessly, when its holder has just finished: the answer is 409 all the same).
const MARK_KEY_HELD = new PreparedStatement(
  'idempotency_mark_key_held',
  ['bigint', 'text', 'text'],
  `SELECT set_config('jaring.idempotency_key_held',
                     CASE WHEN pg_try_advisory_xact_lock($1) AND NOT EXISTS (SELECT 1 FROM idempotency_keys WHERE scope = $2 AND key = $3) THEN 'on' ELSE 'off' END,
                     true)`,
);
const STORE_ANSWER = new PreparedStatement(
  'idempotency_store_answer',
  ['text', 'text', 'text', 'integer', 'json'],
  'INSERT INTO idempotency_keys (scope, key, request_hash, response_status, response_body) VALUES ($1, $2, $3, $4, $5)',
);

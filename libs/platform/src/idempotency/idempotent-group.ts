import type { DataSource, QueryRunner } from 'typeorm';
import type { Settled } from '../batching/group-commit';
import { retryingLostRaces } from '../database/transactions';
import { Problem, problemType } from '../http/problem';
import { idempotencyLockId, type IdempotentRequest } from './idempotent-request';
import { beginWith, type BoundStatement, commitWith, PreparedStatement, rollback } from './statement-batch';

/** The answer of an idempotent request: the first one, or its replay. */
export interface IdempotentOutcome<T> {
  status: number;
  body: T;
  replayed: boolean;
}

/**
 * What the work of a group answers: for each request given to it (in that order) its body or its own error,
 * and statements to send with the COMMIT (the successful requests' writes may also have been sent already).
 */
export interface GroupWork<T> {
  answers: Array<Settled<T>>;
  atCommit?: BoundStatement[];
}

/**
 * `Idempotency.run` for many requests in ONE transaction (group commit): their keys are taken and looked
 * up together in the round trip of BEGIN, each request that is replayed or refused gets its own answer,
 * `work` runs once with the others (`fresh`, indexes into `requests`) and answers each of them, and the
 * answers of the successful ones are stored with their changes and committed in one round trip. The same
 * key twice in one group is the second request while the first still runs: 409, as it would be from two
 * transactions. The whole group is run again when PostgreSQL aborts it for a lost race (a deadlock); an
 * error that ends the transaction otherwise is every fresh request's answer (nothing of them committed),
 * so `work` must catch what only one request's answer should be.
 */
export async function runIdempotentGroup<T>(
  dataSource: DataSource,
  requests: IdempotentRequest[],
  work: (runner: QueryRunner, fresh: number[]) => Promise<GroupWork<T>>,
  successStatus: number,
): Promise<Array<Settled<IdempotentOutcome<T>>>> {
  return retryingLostRaces(async () => {
    const runner = dataSource.createQueryRunner();
    try {
      return await attempt(runner, requests, work, successStatus);
    } catch (error) {
      await rollback(runner).catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  });
}

async function attempt<T>(
  runner: QueryRunner,
  requests: IdempotentRequest[],
  work: (runner: QueryRunner, fresh: number[]) => Promise<GroupWork<T>>,
  successStatus: number,
): Promise<Array<Settled<IdempotentOutcome<T>>>> {
  // One round trip: BEGIN, every key's lock, then (a statement of its own, so its snapshot is taken once
  // the locks are held: a first request committed just before is seen) their stored answers.
  const [taken, stored] = await beginWith<[Array<{ locked: boolean }>, StoredAnswer[]]>(runner, [
    TAKE_KEYS.with(requests.map(idempotencyLockId)),
    STORED_ANSWERS.with(
      requests.map((r) => r.scope),
      requests.map((r) => r.key),
    ),
  ]);
  const storedByKey = new Map(stored.map((s) => [keyOf(s), s]));
  const seen = new Set<string>();
  const outcomes: Array<Settled<IdempotentOutcome<T>>> = [];
  const fresh: number[] = [];
  requests.forEach((request, i) => {
    const key = keyOf(request);
    const answer = storedByKey.get(key);
    if (!taken[i].locked || seen.has(key)) outcomes[i] = { ok: false, error: idempotencyKeyInUse() };
    else if (answer && answer.request_hash !== request.fingerprint) outcomes[i] = { ok: false, error: idempotencyKeyReused() };
    else if (answer) {
      outcomes[i] = { ok: true, value: { status: answer.response_status, body: JSON.parse(answer.response_body) as T, replayed: true } };
    } else fresh.push(i);
    seen.add(key);
  });
  if (!fresh.length) {
    await rollback(runner); // nothing was written
    return outcomes;
  }

  const { answers, atCommit = [] } = await work(runner, fresh);
  if (answers.length !== fresh.length) throw new Error(`idempotent group: ${answers.length} answers for ${fresh.length} requests`);
  const done = fresh.flatMap((index, n) => {
    const answer = answers[n];
    if (!answer.ok) {
      outcomes[index] = answer;
      return [];
    }
    outcomes[index] = { ok: true, value: { status: successStatus, body: answer.value, replayed: false } };
    return [{ request: requests[index], body: answer.value }];
  });
  // The answers are stored beside the work's changes, and committed in the same round trip.
  await commitWith(runner, [
    ...atCommit,
    ...(done.length
      ? [
          STORE_ANSWERS.with(
            done.map((d) => d.request.scope),
            done.map((d) => d.request.key),
            done.map((d) => d.request.fingerprint),
            successStatus,
            JSON.stringify(done.map((d) => d.body)),
          ),
        ]
      : []),
  ]);
  return outcomes;
}

interface StoredAnswer {
  scope: string;
  key: string;
  request_hash: string;
  response_status: number;
  response_body: string;
}

function keyOf(request: { scope: string; key: string }): string {
  return `${request.scope}\0${request.key}`;
}

/** 409: the first request with this key is still running. */
export function idempotencyKeyInUse(): Problem {
  return Problem.conflict('a request with this Idempotency-Key is still being processed; retry later', {
    type: problemType('idempotency-key-in-use'),
  });
}

/** 422: the key was used for another request. */
export function idempotencyKeyReused(): Problem {
  return Problem.unprocessable('this Idempotency-Key was already used for a different request', {
    type: problemType('idempotency-key-reused'),
    errors: [{ field: 'Idempotency-Key', reason: 'use a new key for a new request' }],
  });
}

// Never waits: a key held by another transaction is a request still running (409).
const TAKE_KEYS = new PreparedStatement(
  'idempotency_take_keys',
  ['bigint[]'],
  'SELECT pg_try_advisory_xact_lock(k.id) AS locked FROM unnest($1::bigint[]) WITH ORDINALITY AS k(id, ord) ORDER BY k.ord',
);
const STORED_ANSWERS = new PreparedStatement(
  'idempotency_stored_answers',
  ['text[]', 'text[]'],
  `SELECT i.scope, i.key, i.request_hash, i.response_status, i.response_body::text AS response_body
     FROM idempotency_keys i JOIN unnest($1::text[], $2::text[]) AS r(scope, key) ON i.scope = r.scope AND i.key = r.key`,
);
// The answers as ONE JSON array ($5), not a json[]: each element of an array literal has its every quote
// escaped (and then its backslashes doubled in the SQL text), which cost more than the rest of the statement.
const STORE_ANSWERS = new PreparedStatement(
  'idempotency_store_answers',
  ['text[]', 'text[]', 'text[]', 'integer', 'json'],
  `INSERT INTO idempotency_keys (scope, key, request_hash, response_status, response_body)
   SELECT scope, key, hash, $4, body
     FROM ROWS FROM (unnest($1::text[]), unnest($2::text[]), unnest($3::text[]), json_array_elements($5::json)) AS a(scope, key, hash, body)`,
);

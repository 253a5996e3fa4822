import { type EntityManager, QueryFailedError, type QueryRunner } from 'typeorm';

/**
 * Fewer round trips to PostgreSQL, and less parsing and planning, for hot request paths.
 *
 * Why: on this platform a round trip costs far more than a small statement (each one is a socket write
 * and a wake-up of the server process: ~160 µs of the Node process's CPU, a profile showed, plus as much
 * in PostgreSQL), and parsing and planning a small statement costs PostgreSQL several times more than
 * running it. So:
 * - `beginWith` / `commitWith` send several statements as ONE simple-protocol message ("BEGIN; ...;
 *   ..."): they still run one after another, each with its own snapshot (READ COMMITTED), exactly as if
 *   sent separately, and an error stops the rest;
 * - the statements of such a batch are `PreparedStatement`s: prepared once per connection (PREPARE, in
 *   the same message the first time), then `EXECUTE name(values)`;
 * - `queryPrepared` does the same for one statement with parameters (the protocol's named statements).
 *
 * The simple protocol takes no parameters, so values go into the text through `literal()` (PostgreSQL's
 * own quoting rules, as libpq's PQescapeLiteral), as the arguments of EXECUTE.
 */

export type LiteralValue = string | number | boolean | null | ReadonlyArray<string | number | null>;

/** A value inlined into SQL text: quoted strings, integers checked as such, NULL, booleans, arrays of those. */
export function literal(value: LiteralValue): string {
  if (value === null) return 'NULL';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') return integer(value);
  return quoted(typeof value === 'string' ? value : arrayText(value));
}

/**
 * node-postgres's `escapeLiteral` (libpq's rules: ' and \ doubled, E'...' when there is a backslash), written
 * with one regular expression instead of its character-by-character concatenation, which a profile of POST
 * /v1/payments showed costing as much as the rest of the batch's text (its JSON documents are long).
 */
function quoted(text: string): string {
  if (text.includes('\0')) throw new Error('a NUL character cannot be in SQL text');
  const body = `'${text.replace(/['\\]/g, '$&$&')}'`;
  return text.includes('\\') ? ` E${body}` : body;
}

function integer(value: number): string {
  if (!Number.isSafeInteger(value)) throw new Error(`not an integer literal: ${value}`);
  return String(value);
}

/**
 * PostgreSQL's text form of a one-dimensional array: elements double-quoted (\ and " escaped), NULL bare. A NUL
 * in an element is in the text, which `quoted` refuses.
 */
function arrayText(values: ReadonlyArray<string | number | null>): string {
  const element = (v: string | number | null) => {
    if (v === null) return 'NULL';
    if (typeof v === 'number') return `"${integer(v)}"`;
    // Most elements (ids, codes, periods) have nothing to escape: testing first is a few times quicker than a
    // replace that finds nothing, and a payment's statements carry dozens of them.
    return `"${ARRAY_SPECIAL.test(v) ? v.replace(/[\\"]/g, '\\$&') : v}"`;
  };
  return `{${values.map(element).join(',')}}`;
}

const ARRAY_SPECIAL = /[\\"]/;

/**
 * A statement for batches, with `$1`, `$2`... of the given types: prepared on each connection the first
 * time a batch uses it there. `name` must be unique to the text (it is prefixed `jaring_`).
 */
export class PreparedStatement {
  constructor(
    readonly name: string,
    readonly types: string[],
    readonly sql: string,
  ) {}

  /** This statement with these values, as an element of a batch. */
  with(...values: LiteralValue[]): BoundStatement {
    if (values.length !== this.types.length) throw new Error(`${this.name}: ${this.types.length} values expected, ${values.length} given`);
    return { statement: this, values };
  }
}

export interface BoundStatement {
  statement: PreparedStatement;
  values: LiteralValue[];
}

/**
 * Opens a transaction on `runner` with `statements` in the same round trip ("BEGIN; ..."), instead of
 * TypeORM's own START TRANSACTION (a round trip of its own); answers each statement's rows. TypeORM's
 * bookkeeping is set as its `startTransaction()` sets it: `manager.queryRunner.isTransactionActive`
 * (the outbox checks it), and the depth, so a nested `manager.transaction()` takes a SAVEPOINT and does
 * not commit this transaction.
 */
export async function beginWith<T extends unknown[] = unknown[][]>(runner: QueryRunner, statements: BoundStatement[]): Promise<T> {
  if (runner.isTransactionActive) throw new Error('beginWith: a transaction is already open on this connection');
  // Marked open first: when a statement after BEGIN fails, the transaction is open (and aborted) and the
  // caller's rollback() must end it before the connection goes back to the pool.
  markTransaction(runner, true);
  return (await runBatch(runner, 'BEGIN', statements, '')) as T;
}

/** Runs `statements` then COMMIT in one round trip; on an error the transaction stays open for `rollback()`. */
export async function commitWith(runner: QueryRunner, statements: BoundStatement[]): Promise<void> {
  await runBatch(runner, '', statements, 'COMMIT');
  markTransaction(runner, false);
}

/**
 * Runs `statements` in the transaction open on `runner`, in one round trip; answers each statement's rows.
 * With `savepoint`, "SAVEPOINT <name>" goes first in the same message, so that a caller can undo these
 * statements alone (`rollbackToSavepoint`) when one fails, and carry on with the rest of the transaction.
 */
export async function sendWith<T extends unknown[] = unknown[][]>(
  runner: QueryRunner,
  statements: BoundStatement[],
  savepoint?: string,
): Promise<T> {
  if (!runner.isTransactionActive) throw new Error('sendWith: no transaction is open on this connection');
  return (await runBatch(runner, savepoint ? `SAVEPOINT ${savepointName(savepoint)}` : '', statements, '')) as T;
}

/** Undoes what ran since the savepoint (set by `sendWith`); the transaction goes on. */
export async function rollbackToSavepoint(runner: QueryRunner, savepoint: string): Promise<void> {
  await runBatch(runner, `ROLLBACK TO SAVEPOINT ${savepointName(savepoint)}`, [], '');
}

function savepointName(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`not a savepoint name: ${name}`);
  return name;
}

/** Ends the transaction opened by `beginWith` (a no-op when it is already over). */
export async function rollback(runner: QueryRunner): Promise<void> {
  if (!runner.isTransactionActive) return;
  markTransaction(runner, false);
  await runBatch(runner, 'ROLLBACK', [], '');
}

/**
 * One statement as a named prepared statement of its connection (the extended protocol's, which
 * node-postgres prepares once per connection): for hot statements whose text never changes. Errors as
 * TypeORM's `query()` reports them.
 */
export async function queryPrepared<T>(manager: EntityManager, name: string, sql: string, parameters: unknown[]): Promise<T[]> {
  const runner = manager.queryRunner;
  if (!runner) throw new Error('queryPrepared needs a manager bound to a connection (a transaction)');
  const client = (await runner.connect()) as PgClient;
  try {
    return (await client.query({ name: `jaring_${name}`, text: sql, values: parameters })).rows as T[];
  } catch (error) {
    runner.connection.logger.logQueryError(error as Error, sql, parameters, runner);
    throw new QueryFailedError(sql, parameters, error as Error);
  }
}

interface PgResult {
  rows: unknown[];
}

interface PgClient {
  query(text: string): Promise<PgResult | PgResult[]>;
  query(config: { name: string; text: string; values: unknown[] }): Promise<PgResult>;
}

/**
 * What is prepared on each connection (the pool's clients live as long as their connections). After a
 * batch that prepared something fails, it is unknown which PREPAREs ran (they outlive the transaction),
 * so that connection moves on to fresh names: never "prepared statement already exists".
 */
const preparedOn = new WeakMap<object, { generation: number; names: Set<string> }>();

async function runBatch(runner: QueryRunner, first: string, statements: BoundStatement[], last: string): Promise<unknown[][]> {
  const client = (await runner.connect()) as PgClient;
  const prepared = preparedOn.get(client) ?? { generation: 0, names: new Set<string>() };
  preparedOn.set(client, prepared);
  const preparing = new Map<string, string>(); // name → its PREPARE, for those new on this connection
  const executions = statements.map(({ statement, values }) => {
    const name = `jaring_${statement.name}_${prepared.generation}`;
    if (!prepared.names.has(name))
      preparing.set(name, `PREPARE ${name}${statement.types.length ? ` (${statement.types.join(', ')})` : ''} AS ${statement.sql}`);
    return values.length ? `EXECUTE ${name}(${values.map(literal).join(', ')})` : `EXECUTE ${name}`;
  });
  const sql = [first, ...preparing.values(), ...executions, last].filter(Boolean).join(';\n');
  // TypeORM's `query()` keeps only a single statement's rows, so the batch goes to node-postgres itself
  // (no values: the simple protocol); errors are reported and wrapped as TypeORM's would be, so callers
  // and the problem filter see the same QueryFailedError with the driver's code and constraint. What is
  // logged or kept is the text without its literals: they are the values (personal data), which a
  // parameterised query never logs either.
  try {
    const started = Date.now();
    const answer = await client.query(sql);
    const took = Date.now() - started;
    const slow = runner.connection.options.maxQueryExecutionTime;
    if (slow && took > slow) runner.connection.logger.logQuerySlow(took, withoutLiterals(sql), undefined, runner);
    preparing.forEach((_, name) => prepared.names.add(name));
    const results = Array.isArray(answer) ? answer : [answer];
    // The answers of the EXECUTEs, after BEGIN and the PREPAREs.
    const skip = (first ? 1 : 0) + preparing.size;
    return results.slice(skip, skip + executions.length).map((result) => result.rows);
  } catch (error) {
    if (preparing.size) preparedOn.set(client, { generation: prepared.generation + 1, names: new Set() });
    const shape = withoutLiterals(sql);
    runner.connection.logger.logQueryError(error as Error, shape, undefined, runner);
    throw new QueryFailedError(shape, undefined, error as Error);
  }
}

/** The SQL with every quoted literal (as `literal()` writes them: '...' or E'...', quotes doubled) as '?'. */
export function withoutLiterals(sql: string): string {
  return sql.replace(/\bE'(?:[^']|'')*'|'(?:[^']|'')*'/g, "'?'");
}

/** TypeORM's transaction state, as `startTransaction()` / `commitTransaction()` leave it (TypeORM 1.x). */
function markTransaction(runner: QueryRunner, active: boolean): void {
  const state = runner as unknown as { isTransactionActive: boolean; transactionDepth: number };
  state.isTransactionActive = active;
  state.transactionDepth = active ? 1 : 0;
}

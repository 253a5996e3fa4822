import { escapeLiteral } from 'pg';
import { QueryFailedError, type QueryRunner } from 'typeorm';
import { beginWith, commitWith, literal, PreparedStatement, rollback, withoutLiterals } from './statement-batch';

/** A QueryRunner over a fake node-postgres client that answers each statement of a message with one row. */
function fakeRunner(fail?: (sql: string) => boolean) {
  const sent: string[] = [];
  const client = {
    query: (sql: string) => {
      sent.push(sql);
      if (fail?.(sql)) return Promise.reject(Object.assign(new Error('boom'), { code: '40P01' }));
      const statements = sql.split(';\n');
      return Promise.resolve(statements.length === 1 ? { rows: [{ n: 0 }] } : statements.map((_, n) => ({ rows: [{ n }] })));
    },
  };
  const errors: string[] = [];
  const runner = {
    isTransactionActive: false,
    transactionDepth: 0,
    connect: () => Promise.resolve(client),
    connection: {
      options: {},
      logger: { logQueryError: (_: unknown, query: string) => errors.push(query), logQuerySlow: () => undefined },
    },
  };
  return { runner: runner as unknown as QueryRunner & { transactionDepth: number }, sent, errors };
}

const BY_KEY = new PreparedStatement('test_by_key', ['text', 'integer'], 'SELECT * FROM t WHERE k = $1 AND n = $2');

describe('literal', () => {
  it("quotes strings by PostgreSQL's rules and checks the rest", () => {
    expect(literal("it's")).toBe("'it''s'");
    expect(literal('a\\b')).toBe(" E'a\\\\b'");
    expect(literal(null)).toBe('NULL');
    expect(literal(true)).toBe('TRUE');
    expect(literal(-42)).toBe('-42');
    expect(() => literal(1.5)).toThrow();
    expect(() => literal('a\0b')).toThrow();
  });

  it("quotes a string exactly as node-postgres's escapeLiteral does", () => {
    const texts = [
      '',
      'plain',
      "it's",
      'a\\b',
      "'\\'",
      "''",
      '\\\\',
      '{"json":"with \\"quotes\\" and \\\\ in it"}',
      "ünïcødé ' \\ 🙂",
      "E'x'",
    ];
    for (const text of texts) expect(literal(text)).toBe(escapeLiteral(text));
    expect(() => literal(['a', 'b\0'])).toThrow();
  });

  it('writes arrays in their text form, elements quoted', () => {
    expect(literal(['a', "d'e", null, 7])).toBe(`'{"a","d''e",NULL,"7"}'`);
    expect(literal(['b"c'])).toBe(` E'{"b\\\\"c"}'`); // the array's \" for ", its backslash doubled by the literal
    expect(literal(['x\\y'])).toBe(` E'{"x\\\\\\\\y"}'`);
    expect(literal([])).toBe("'{}'");
    expect(() => literal([0.5])).toThrow();
  });

  it('is masked out of what is logged', () => {
    expect(withoutLiterals(`EXECUTE x(${literal("o'neil")}, ${literal('a\\b')}, 7)`)).toBe("EXECUTE x('?',  '?', 7)");
  });
});

describe('statement batches', () => {
  it('opens the transaction with the statements in one message, preparing each once per connection', async () => {
    const { runner, sent } = fakeRunner();
    const rows = await beginWith(runner, [BY_KEY.with("o'k", 1), BY_KEY.with('x', 2)]);
    expect(sent[0].split(';\n')).toEqual([
      'BEGIN',
      'PREPARE jaring_test_by_key_0 (text, integer) AS SELECT * FROM t WHERE k = $1 AND n = $2',
      "EXECUTE jaring_test_by_key_0('o''k', 1)",
      "EXECUTE jaring_test_by_key_0('x', 2)",
    ]);
    expect(rows).toEqual([[{ n: 2 }], [{ n: 3 }]]); // the EXECUTEs' answers only
    expect(runner.isTransactionActive).toBe(true);
    expect(runner.transactionDepth).toBe(1);

    await commitWith(runner, [BY_KEY.with('y', 3)]);
    expect(sent[1]).toBe("EXECUTE jaring_test_by_key_0('y', 3);\nCOMMIT");
    expect(runner.isTransactionActive).toBe(false);
    expect(runner.transactionDepth).toBe(0);
    await rollback(runner); // nothing open: nothing sent
    expect(sent).toHaveLength(2);
  });

  it('after a failed batch that prepared, prepares under fresh names (the PREPARE may have run)', async () => {
    let failing = true;
    const { runner, sent, errors } = fakeRunner(() => failing);
    const failure = await beginWith(runner, [BY_KEY.with('secret', 1)]).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(QueryFailedError);
    expect((failure as QueryFailedError).driverError).toMatchObject({ code: '40P01' });
    expect((failure as QueryFailedError).query).not.toContain('secret');
    expect(errors[0]).not.toContain('secret');
    expect(runner.isTransactionActive).toBe(true); // open and aborted: the caller rolls back
    await rollback(runner).catch(() => undefined);
    expect(runner.isTransactionActive).toBe(false);

    failing = false;
    await beginWith(runner, [BY_KEY.with('k', 1)]);
    expect(sent.at(-1)).toContain('PREPARE jaring_test_by_key_1 ');
    expect(sent.at(-1)).toContain("EXECUTE jaring_test_by_key_1('k', 1)");
  });

  it('refuses a statement with the wrong number of values', () => {
    expect(() => BY_KEY.with('k')).toThrow(/2 values expected/);
  });
});

import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CONTRIBUTIONS_MIGRATIONS } from '../../../apps/contributions/src/migrations';
import { PackedJournals1764200000400 } from '../../../apps/contributions/src/migrations/packed-journals';
import { freshDatabase } from '../../support/infrastructure';

/**
 * The ledger's journals as one row each (migration PackedJournals): the lines written before it move into
 * their journals, the database refuses a journal that does not balance, and the way back restores the lines.
 */
describe('contributions ledger: one row per journal', () => {
  let dataSource: DataSource;
  const before = CONTRIBUTIONS_MIGRATIONS.filter((m) => m !== PackedJournals1764200000400);
  const payment = randomUUID();
  const refund = randomUUID();
  const lines = async () =>
    dataSource.query<Array<{ journal_id: string; line: number; account: string; amount: number }>>(
      'SELECT journal_id, line, account, amount::int AS amount FROM ledger_entries ORDER BY journal_id, line',
    );

  beforeAll(async () => {
    dataSource = new DataSource({ type: 'postgres', url: await freshDatabase('jaring_test_packed_journals'), migrations: before });
    await dataSource.initialize();
    await dataSource.runMigrations();
    await dataSource.query(
      `INSERT INTO ledger_journals (id, kind, posted_at) VALUES ($1, 'CHANNEL_PAYMENT', now()), ($2, 'REFUND', now())`,
      [payment, refund],
    );
    await dataSource.query(
      `INSERT INTO ledger_entries (journal_id, line, account, amount) VALUES
         ($1, 0, 'channel:bank', 16800), ($1, 1, 'worker:w', -16800), ($1, 2, 'worker:w', 16800),
         ($1, 3, 'fund:JKK', -10000), ($1, 4, 'fund:JKM', -6800),
         ($2, 0, 'fund:JKM', 6800), ($2, 1, 'worker:w', -6800)`,
      [payment, refund],
    );
  });

  afterAll(async () => {
    await dataSource?.destroy();
  });

  const written = (payment: string, refund: string) => [
    { journal_id: payment, line: 0, account: 'channel:bank', amount: 16800 },
    { journal_id: payment, line: 1, account: 'worker:w', amount: -16800 },
    { journal_id: payment, line: 2, account: 'worker:w', amount: 16800 },
    { journal_id: payment, line: 3, account: 'fund:JKK', amount: -10000 },
    { journal_id: payment, line: 4, account: 'fund:JKM', amount: -6800 },
    { journal_id: refund, line: 0, account: 'fund:JKM', amount: 6800 },
    { journal_id: refund, line: 1, account: 'worker:w', amount: -6800 },
  ];
  const sorted = (rows: ReturnType<typeof written>) => rows.sort((a, b) => a.journal_id.localeCompare(b.journal_id) || a.line - b.line);

  it('moves the lines written before into their journals, and reads them back in line order', async () => {
    const migration = new PackedJournals1764200000400();
    const runner = dataSource.createQueryRunner();
    try {
      await migration.up(runner);
    } finally {
      await runner.release();
    }
    expect(await lines()).toEqual(sorted(written(payment, refund)));
    expect(await dataSource.query('SELECT accounts, amounts::int[] AS amounts FROM ledger_journals WHERE id = $1', [refund])).toEqual([
      { accounts: ['fund:JKM', 'worker:w'], amounts: [6800, -6800] },
    ]);
  });

  it.each([
    ['lines that do not sum to zero', ['fund:JKK', 'channel:bank'], [-10000, 9999]],
    ['an empty line', ['fund:JKK', 'channel:bank', 'worker:w'], [-10000, 10000, 0]],
    ['more accounts than amounts', ['fund:JKK', 'channel:bank', 'worker:w'], [-10000, 10000]],
  ])('refuses a journal with %s', async (_name, accounts, amounts) => {
    await expect(
      dataSource.query(`INSERT INTO ledger_journals (id, kind, posted_at, accounts, amounts) VALUES ($1, 'REFUND', now(), $2, $3)`, [
        randomUUID(),
        accounts,
        amounts,
      ]),
    ).rejects.toMatchObject({ code: '23514', constraint: 'ledger_journals_balance' });
  });

  it('gives the lines back as rows when undone', async () => {
    const runner = dataSource.createQueryRunner();
    try {
      await new PackedJournals1764200000400().down(runner);
    } finally {
      await runner.release();
    }
    expect((await dataSource.query(`SELECT relkind FROM pg_class WHERE relname = 'ledger_entries'`))[0].relkind).toBe('r');
    expect(await lines()).toEqual(sorted(written(payment, refund)));
  });
});

import { DataSource } from 'typeorm';
import { CONTRIBUTIONS_MIGRATIONS } from '../../../apps/contributions/src/migrations';
import { LAST_INVOICED, LOCK_OPEN_INVOICES } from '../../../apps/contributions/src/record-payment/grouped-payments';
import { freshDatabase } from '../../support/infrastructure';

const WORKERS = 300;
const MONTHS_PAID = 35;
const GROUP = 64;

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Rows': number;
  'Actual Loops': number;
  'Rows Removed by Filter'?: number;
  'Shared Hit Blocks': number;
  'Shared Read Blocks': number;
  Plans?: PlanNode[];
}

function nodesOf(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(nodesOf)];
}

/**
 * A payment reads and locks its worker's open invoices (migration OpenInvoices), through the index of the open
 * ones only, and its last period invoiced, through one entry of the live invoices' index: however many months the
 * worker has paid before. A member's history grows by twelve invoices a year; each payment used to read it whole.
 */
describe('contributions: a payment reads its worker open invoices and last period, not the paid history', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = new DataSource({
      type: 'postgres',
      url: await freshDatabase('jaring_test_open_invoices'),
      migrations: CONTRIBUTIONS_MIGRATIONS,
    });
    await dataSource.initialize();
    await dataSource.runMigrations();
    await dataSource.query(
      `INSERT INTO accounts (worker_id, membership_number, region_code, occupation, status, registered_on, billing_from, paid_through)
       SELECT gen_random_uuid(), lpad(n::text, 11, '0'), '5371', 'MARKET_TRADER', 'ACTIVE', '2024-01-01', '2024-01', '2026-11'
         FROM generate_series(1, $1) AS n`,
      [WORKERS],
    );
    // Month by month, as billing writes them: a worker's invoices lie on as many pages as it has months.
    await dataSource.query(
      `INSERT INTO invoices (id, worker_id, period, amount, payer, status, due_date, lines, declared_monthly_income, bracket_nominal,
                             worker_paid, issued_at)
       SELECT gen_random_uuid(), a.worker_id, to_char(date '2024-01-01' + make_interval(months => m), 'YYYY-MM'), 16800, 'SELF',
              CASE WHEN m = $1 THEN 'ISSUED' ELSE 'PAID' END, date '2024-01-15' + make_interval(months => m),
              '[{"program": "JKK", "amount": 10000}, {"program": "JKM", "amount": 6800}]', 1000000, 1000000,
              CASE WHEN m = $1 THEN 0 ELSE 16800 END, now()
         FROM generate_series(0, $1) AS m, accounts a ORDER BY m, a.worker_id`,
      [MONTHS_PAID],
    );
    await dataSource.query('ANALYZE accounts, invoices');
  });

  afterAll(async () => {
    await dataSource?.destroy();
  });

  /** The plan PostgreSQL ran for `sql`, node by node (in a transaction, which a FOR UPDATE takes). */
  async function planOf(sql: string, parameters: unknown[]): Promise<PlanNode[]> {
    return dataSource.transaction(async (manager) => {
      const [row] = await manager.query<Array<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>>(
        `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${sql}`,
        parameters,
      );
      return nodesOf(row['QUERY PLAN'][0].Plan);
    });
  }

  async function aGroupOfWorkers(): Promise<string[]> {
    const rows = await dataSource.query<Array<{ worker_id: string }>>(
      'SELECT worker_id FROM accounts ORDER BY md5(worker_id::text) LIMIT $1',
      [GROUP],
    );
    return rows.map((row) => row.worker_id);
  }

  it(`finds a group's ${GROUP} open invoices among ${MONTHS_PAID} paid months each by the open ones' index, reading none of the paid`, async () => {
    const nodes = await planOf(LOCK_OPEN_INVOICES.sql, [await aGroupOfWorkers(), '2026-12']);
    // the invoices' indexes the plan went through (an index scan, or the bitmap index scan under a heap scan)
    expect(nodes.flatMap((node) => (node['Index Name']?.startsWith('invoices') ? [node['Index Name']] : []))).toEqual(['invoices_open']);
    const [heap] = nodes.filter((node) => node['Relation Name'] === 'invoices');
    expect(heap['Actual Rows']).toBe(GROUP);
    expect(heap['Rows Removed by Filter'] ?? 0).toBe(0);
    // a few index pages and one heap page per open invoice; the paid history alone lies on 35 pages a worker
    expect(heap['Shared Hit Blocks'] + heap['Shared Read Blocks']).toBeLessThan(2 * GROUP);
  });

  it(`finds each worker's last period invoiced with one entry of the live invoices' index, however many months before`, async () => {
    const workers = await aGroupOfWorkers();
    const probes = (await planOf(LAST_INVOICED.sql, [workers])).filter((node) => node['Index Name'] === 'invoices_one_per_worker_period');
    expect(probes.map((node) => [node['Actual Rows'], node['Actual Loops']])).toEqual([[1, GROUP]]);
    const last = await dataSource.query<Array<{ worker_id: string; last: string }>>(LAST_INVOICED.sql, [workers]);
    expect(last.map((row) => row.last)).toEqual(workers.map(() => '2026-12'));
    expect(last.map((row) => row.worker_id).sort()).toEqual([...workers].sort());
  });
});

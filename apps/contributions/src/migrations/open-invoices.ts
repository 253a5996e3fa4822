import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A worker's open invoices (ISSUED, OVERDUE) by the index of them alone. Every payment reads and locks its worker's
 * open invoices, and a lapse, a deregistration or a sponsorship grant looks for them too. Through the index of all
 * live invoices (`invoices_one_per_worker_period`) each of those read the worker's whole history, paid months and
 * all: with 36 months behind each of 64 workers, a payments group read 2,304 invoices from 2,236 heap pages to
 * find its 64 open ones. A member's history only grows (twelve invoices a year); the open ones stay one or two.
 * What it costs: one more index entry when an invoice is issued.
 */
export class OpenInvoices1764200000500 implements MigrationInterface {
  name = 'OpenInvoices1764200000500';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX invoices_open ON invoices (worker_id, period) WHERE status IN ('ISSUED', 'OVERDUE')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX invoices_open`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Claims wait for their facts; one death, one live claim (issue 17):
 * - status `PENDING_FACTS` and `claims.awaiting_facts` (`WORKER`, `HEIRS`, `COVERAGE`): a claim whose only reasons
 *   may be facts on their way is decided when they arrive, or when the wait (CLAIM_FACTS_WAIT_HOURS) is over;
 *   the wait is swept by submission time (`claims_pending_facts`).
 * - a worker's death has one live claim: pending, ineligible but not rejected, or eligible
 *   (`claims_one_live_death`; the JHT balance keeps `claims_once_per_worker`'s eligible-only rule). Death claims
 *   recorded before, several ineligible ones for one worker, would break the index: all but the latest live one
 *   are closed as `REJECTED` with the reason and an audit entry naming the claim kept (a verifier can reassess it).
 * - scholarships: a claim of kind `SCHOLARSHIP` is one school year for one child, linked to its death claim in
 *   `details`; a child's school year is claimed once (`claims_one_scholarship_year`).
 */
export class ClaimsWaitForFacts1764400000006 implements MigrationInterface {
  name = 'ClaimsWaitForFacts1764400000006';

  async up(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    await q(`ALTER TABLE claims DROP CONSTRAINT claims_status_check`);
    await q(
      `ALTER TABLE claims ADD CONSTRAINT claims_status_check CHECK (status IN ('PENDING_FACTS', 'SUBMITTED', 'VERIFIED', 'APPROVED', 'REJECTED', 'PAID'))`,
    );
    await q(`ALTER TABLE claims ADD COLUMN awaiting_facts text[] NOT NULL DEFAULT '{}'`);
    await q(`CREATE INDEX claims_pending_facts ON claims (submitted_at) WHERE status = 'PENDING_FACTS'`);

    await q(`
      WITH ranked AS (
        SELECT id, status, first_value(id) OVER w AS kept, row_number() OVER w AS n
          FROM claims WHERE once_key = 'DEATH' AND status <> 'REJECTED'
        WINDOW w AS (PARTITION BY worker_id ORDER BY eligible DESC, submitted_at DESC, id)
      ), superseded AS (
        UPDATE claims c SET status = 'REJECTED', rejection_reason = 'superseded by claim ' || r.kept
          FROM ranked r WHERE c.id = r.id AND r.n > 1
        RETURNING c.id, r.status AS from_status, r.kept
      )
      INSERT INTO claim_audit (claim_id, at, actor, actor_roles, action, from_status, to_status, reason, details)
      SELECT id, now(), 'claims', '{}', 'REJECTED', from_status, 'REJECTED', 'superseded by claim ' || kept,
             jsonb_build_object('keptClaimId', kept, 'by', 'migration: one live death claim per worker')
        FROM superseded`);
    await q(`CREATE UNIQUE INDEX claims_one_live_death ON claims (worker_id) WHERE once_key = 'DEATH' AND status <> 'REJECTED'`);
    await q(
      `CREATE UNIQUE INDEX claims_one_scholarship_year ON claims (worker_id, (details->>'childId'), (details->>'schoolYear'))
        WHERE kind = 'SCHOLARSHIP' AND status <> 'REJECTED'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    await q(`DROP INDEX claims_one_scholarship_year`);
    await q(`DROP INDEX claims_one_live_death`);
    await q(`DROP INDEX claims_pending_facts`);
    await q(`ALTER TABLE claims DROP COLUMN awaiting_facts`);
    await q(`ALTER TABLE claims DROP CONSTRAINT claims_status_check`);
    await q(
      `ALTER TABLE claims ADD CONSTRAINT claims_status_check CHECK (status IN ('SUBMITTED', 'VERIFIED', 'APPROVED', 'REJECTED', 'PAID'))`,
    );
  }
}

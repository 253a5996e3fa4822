import type { EntityManager } from 'typeorm';
import type { AnyWorkerRegistered } from '@jaring/contracts';
import { rupiah, rowsOf } from '@jaring/platform';
import type { WorkerProfile } from '../domain/eligibility';

/** A worker as enrollment announced them: what eligibility and pricing need, no personal data. */
export interface WorkerRow {
  worker_id: string;
  membership_number: string;
  region_code: string;
  occupation: string;
  declared_monthly_income: string;
  programs: string[];
  registered_on: string;
  deregistered_on: string | null;
  died_on: string | null;
}

const COLUMNS = `worker_id, membership_number, region_code, occupation, declared_monthly_income, programs,
  to_char(registered_on, 'YYYY-MM-DD') AS registered_on, to_char(deregistered_on, 'YYYY-MM-DD') AS deregistered_on,
  to_char(died_on, 'YYYY-MM-DD') AS died_on`;

export function profileOf(worker: WorkerRow): WorkerProfile {
  return { regionCode: worker.region_code, occupation: worker.occupation, declaredMonthlyIncome: rupiah(worker.declared_monthly_income) };
}

/**
 * Records registrations, many in one statement, and returns the workers' rows, locked for the rest of
 * the transaction: every grant to a worker first holds the worker's row, so two programmes granting the
 * same worker at once (an automatic grant and a nomination) take turns, the second after the first's months.
 * A worker announced twice in the batch is recorded as last announced.
 */
export async function recordRegistrations(manager: EntityManager, registrations: AnyWorkerRegistered[]): Promise<WorkerRow[]> {
  const latest = [...new Map(registrations.map((r) => [r.workerId, r])).values()];
  if (!latest.length) return [];
  return rowsOf<WorkerRow>(
    manager,
    `INSERT INTO workers (worker_id, membership_number, region_code, occupation, declared_monthly_income, programs, registered_on)
     SELECT w.worker_id, w.membership_number, w.region_code, w.occupation, w.income, ARRAY(SELECT json_array_elements_text(w.programs)), w.registered_on
     FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::json[], $7::date[])
       AS w (worker_id, membership_number, region_code, occupation, income, programs, registered_on)
     ON CONFLICT (worker_id) DO UPDATE SET membership_number = EXCLUDED.membership_number, region_code = EXCLUDED.region_code,
       occupation = EXCLUDED.occupation, declared_monthly_income = EXCLUDED.declared_monthly_income, programs = EXCLUDED.programs,
       registered_on = EXCLUDED.registered_on
     RETURNING ${COLUMNS}`,
    [
      latest.map((r) => r.workerId),
      latest.map((r) => r.membershipNumber),
      latest.map((r) => r.regionCode),
      latest.map((r) => r.occupation),
      latest.map((r) => r.declaredMonthlyIncome),
      latest.map((r) => JSON.stringify(r.programs)),
      latest.map((r) => r.registeredOn),
    ],
  );
}

export async function lockWorker(manager: EntityManager, workerId: string): Promise<WorkerRow | undefined> {
  const [row] = await rowsOf<WorkerRow>(manager, `SELECT ${COLUMNS} FROM workers WHERE worker_id = $1 FOR UPDATE`, [workerId]);
  return row;
}

export async function lockWorkerByMembershipNumber(manager: EntityManager, membershipNumber: string): Promise<WorkerRow | undefined> {
  const [row] = await rowsOf<WorkerRow>(
    manager,
    `SELECT ${COLUMNS} FROM workers WHERE membership_number = $1 ORDER BY worker_id LIMIT 1 FOR UPDATE`,
    [membershipNumber],
  );
  return row;
}

import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { EVENTS } from '@jaring/contracts';
import type { Outbox } from '@jaring/messaging';

/** A valid `enrollment.worker.changed` whose income field carries a marker the test can follow. */
export function workerChanged(workerId: string, marker: number) {
  return {
    definition: EVENTS.WorkerChanged,
    subject: workerId,
    data: { workerId, declaredMonthlyIncome: marker, programs: ['JKK', 'JKM'], effectiveFrom: '2026-12' },
  };
}

/** A state change and its event in one transaction, as a service does it. */
export async function changeIncome(manager: EntityManager, outbox: Outbox, workerId: string, marker: number): Promise<string> {
  await manager.query('INSERT INTO test_workers (id, income) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET income = EXCLUDED.income', [
    workerId,
    marker,
  ]);
  const envelope = await outbox.publish(manager, workerChanged(workerId, marker));
  return envelope.id;
}

export const newWorkerId = (): string => randomUUID();

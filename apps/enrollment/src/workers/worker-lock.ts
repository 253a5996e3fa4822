import { type EntityManager, In } from 'typeorm';
import { UseCaseError } from '@jaring/domain';
import type { RegionScope } from '../domain/region-access';
import { workerNotFound } from './worker-reader';
import { WorkerEntity } from './worker.entity';

/**
 * The worker's row, locked for the rest of the caller's transaction (changes to one worker are serialised).
 * Within the caller's regions only: another region's worker is not read, and answers 404 like an unknown id.
 */
export async function lockWorker(manager: EntityManager, id: string, scope: RegionScope): Promise<WorkerEntity> {
  const worker = await manager
    .getRepository(WorkerEntity)
    .findOne({ where: { id, ...(scope ? { regionCode: In(scope) } : {}) }, lock: { mode: 'pessimistic_write' } });
  if (!worker) throw workerNotFound();
  return worker;
}

/** The terms of a worker who left or died change no more (heirs may still be corrected: they are who is paid). */
export function assertMembershipOpen(worker: WorkerEntity): void {
  if (worker.status === 'DECEASED') {
    throw UseCaseError.conflict(`the worker died on ${worker.diedOn}`, { type: 'worker-deceased', title: 'Worker deceased' });
  }
  if (worker.status === 'DEREGISTERED') {
    throw UseCaseError.conflict(`the worker was deregistered on ${worker.deregisteredOn}`, {
      type: 'worker-deregistered',
      title: 'Worker deregistered',
    });
  }
}

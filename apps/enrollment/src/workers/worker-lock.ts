import type { EntityManager } from 'typeorm';
import { UseCaseError } from '@jaring/domain';
import { workerNotFound } from './worker-reader';
import { WorkerEntity } from './worker.entity';

/** The worker's row, locked for the rest of the caller's transaction (changes to one worker are serialised). */
export async function lockWorker(manager: EntityManager, id: string): Promise<WorkerEntity> {
  const worker = await manager.getRepository(WorkerEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  if (!worker) throw workerNotFound();
  return worker;
}

export function assertNotDeregistered(worker: WorkerEntity): void {
  if (worker.status === 'DEREGISTERED') {
    throw UseCaseError.conflict(`the worker was deregistered on ${worker.deregisteredOn}`, {
      type: 'worker-deregistered',
      title: 'Worker deregistered',
    });
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type Clock, todayOf } from '@jaring/domain';
import { Outbox } from '@jaring/messaging';
import { CLOCK, inTransaction } from '@jaring/platform';
import { workerDeregistered } from '../workers/worker-events';
import { lockWorker } from '../workers/worker-lock';
import { WorkerReader } from '../workers/worker-reader';
import type { WorkerView } from '../workers/worker.view';

/**
 * `POST /v1/workers/{id}/deregistration`: the worker leaves today; contributions stops billing from the
 * next period on `enrollment.worker.deregistered`. Repeating it changes nothing and announces nothing, so
 * a client may retry. The NIK stays registered: re-joining is paying again under the same membership.
 */
@Injectable()
export class DeregisterWorkerHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly reader: WorkerReader,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async deregister(workerId: string, reason: string): Promise<WorkerView> {
    await inTransaction(this.dataSource, async (manager) => {
      const worker = await lockWorker(manager, workerId);
      if (worker.status === 'DEREGISTERED') return;
      const today = todayOf(this.clock);
      await manager.query(
        `UPDATE workers SET status = 'DEREGISTERED', deregistered_on = $2, deregistration_reason = $3, updated_at = now() WHERE id = $1`,
        [workerId, today, reason],
      );
      await this.outbox.publish(manager, workerDeregistered({ workerId, deregisteredOn: today, reason }));
    });
    return this.reader.get(workerId);
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type Clock, todayOf } from '@jaring/domain';
import { Outbox } from '@jaring/messaging';
import { actorOf, type Caller, CLOCK, inTransaction, regionsVisibleTo } from '@jaring/platform';
import { WorkerAuditTrail } from '../workers/worker-audit';
import { workerDeregistered } from '../workers/worker-events';
import { assertMembershipOpen, lockWorker } from '../workers/worker-lock';
import { WorkerReader } from '../workers/worker-reader';
import type { WorkerView } from '../workers/worker.view';

/**
 * `POST /v1/workers/{id}/deregistration`: the worker leaves today; contributions stops billing from the
 * next period on `enrollment.worker.deregistered`. Repeating it changes nothing and announces nothing, so
 * a client may retry. The NIK stays registered: re-joining is paying again under the same membership. A deceased
 * worker is not deregistered (409 `worker-deceased`): the death closed the membership already.
 * Enrollment officers only; the audit trail names the caller, in the transaction of the deregistration.
 */
@Injectable()
export class DeregisterWorkerHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly reader: WorkerReader,
    private readonly audit: WorkerAuditTrail,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async deregister(workerId: string, reason: string, caller: Caller): Promise<WorkerView> {
    // the route is the back office's: every region (kept general should agents ever be let in)
    const scope = regionsVisibleTo(caller);
    await inTransaction(this.dataSource, async (manager) => {
      const worker = await lockWorker(manager, workerId, scope);
      if (worker.status === 'DEREGISTERED') return;
      // a death closed the membership already, for good
      if (worker.status === 'DECEASED') assertMembershipOpen(worker);
      const today = todayOf(this.clock);
      await manager.query(
        `UPDATE workers SET status = 'DEREGISTERED', deregistered_on = $2, deregistration_reason = $3, updated_at = now() WHERE id = $1`,
        [workerId, today, reason],
      );
      await this.outbox.publish(manager, workerDeregistered({ workerId, deregisteredOn: today, reason }));
      await this.audit.record(manager, actorOf(caller), this.clock.now(), [
        { workerId, action: 'DEREGISTERED', fields: ['status', 'deregisteredOn', 'deregistrationReason'] },
      ]);
    });
    return this.reader.get(workerId, scope);
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { workerNotFound } from '../workers/worker-reader';
import { WorkerAuditTrail, type WorkerAuditView } from '../workers/worker-audit';

/** `GET /v1/workers/{id}/audit`: who registered, changed, gave heirs to and deregistered the worker, oldest first. */
@Injectable()
export class GetWorkerAuditQuery {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: WorkerAuditTrail,
  ) {}

  async get(workerId: string): Promise<WorkerAuditView> {
    const known = await this.dataSource.query<unknown[]>('SELECT 1 FROM workers WHERE id = $1', [workerId]);
    if (!known.length) throw workerNotFound();
    return this.audit.list(this.dataSource.manager, workerId);
  }
}

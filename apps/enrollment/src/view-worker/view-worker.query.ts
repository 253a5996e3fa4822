import { Injectable } from '@nestjs/common';
import { type Caller, regionsVisibleTo } from '@jaring/platform';
import { WorkerReader } from '../workers/worker-reader';
import type { WorkerView } from '../workers/worker.view';

/**
 * `GET /v1/workers/{id}`: the worker as the handlers answer it too (WorkerReader), heirs included. An agent
 * sees the workers of its own regions; another region's worker answers 404, like an unknown id.
 */
@Injectable()
export class ViewWorkerQuery {
  constructor(private readonly reader: WorkerReader) {}

  get(id: string, caller: Caller): Promise<WorkerView> {
    return this.reader.get(id, regionsVisibleTo(caller));
  }
}

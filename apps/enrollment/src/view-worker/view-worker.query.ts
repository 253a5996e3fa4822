import { Injectable } from '@nestjs/common';
import { WorkerReader } from '../workers/worker-reader';
import type { WorkerView } from '../workers/worker.view';

/** `GET /v1/workers/{id}`: the worker as the handlers answer it too (WorkerReader), heirs included. */
@Injectable()
export class ViewWorkerQuery {
  constructor(private readonly reader: WorkerReader) {}

  get(id: string): Promise<WorkerView> {
    return this.reader.get(id);
  }
}

import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { UseCaseError } from '@jaring/domain';
import { type Caller, regionsVisibleTo } from '@jaring/platform';
import { mayFollowImport } from '../domain/region-access';
import { WorkerImportEntity, WorkerImportErrorEntity } from '../import-workers/worker-import.entity';
import { starterOfImport, workerImportSummary } from '../import-workers/worker-import-summary';
import type { WorkerImportView } from '../import-workers/worker-import.view';

/** A page of the refused rows' reasons: where it starts and how many. */
export interface ImportErrorsPage {
  errorsOffset: number;
  errorsLimit: number;
}

/**
 * `GET /v1/worker-imports/{id}` (and the answer to the upload): an import's progress and its refused rows.
 * The back office follows every import, an agent only the ones it started (same subject, same client):
 * another's answers 404, like an unknown id, and its errors are not read.
 */
@Injectable()
export class GetWorkerImportQuery {
  constructor(
    @InjectRepository(WorkerImportEntity) private readonly imports: Repository<WorkerImportEntity>,
    @InjectRepository(WorkerImportErrorEntity) private readonly errors: Repository<WorkerImportErrorEntity>,
  ) {}

  async get(id: string, page: ImportErrorsPage, caller: Caller): Promise<WorkerImportView> {
    const found = await this.followed(id, caller);
    const [errors, errorsTotal] = await this.errors.findAndCount({
      where: { importId: id },
      order: { rowNumber: 'ASC', position: 'ASC' },
      skip: page.errorsOffset,
      take: page.errorsLimit,
    });
    return {
      ...workerImportSummary(found),
      errors: errors.map((e) => ({ row: e.rowNumber, field: e.field, reason: e.reason })),
      errorsTotal,
    };
  }

  /** The import, when the caller may follow it; else 404, as for an unknown id. */
  async followed(id: string, caller: Caller): Promise<WorkerImportEntity> {
    const found = await this.imports.findOneBy({ id });
    if (!found || !mayFollowImport(regionsVisibleTo(caller), caller, starterOfImport(found)))
      throw UseCaseError.notFound('no worker import with this id');
    return found;
  }
}

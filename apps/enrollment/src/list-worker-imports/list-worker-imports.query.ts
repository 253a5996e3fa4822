import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { FindOptionsWhere, Repository } from 'typeorm';
import { type Caller, regionsVisibleTo } from '@jaring/platform';
import { workerImportSummary } from '../import-workers/worker-import-summary';
import { WorkerImportEntity } from '../import-workers/worker-import.entity';
import type { WorkerImportPage } from '../import-workers/worker-import.view';
import type { PageDto } from '../validation/page.dto';

/**
 * `GET /v1/worker-imports`: imports newest first, without their refused rows' reasons. The caller sees the
 * imports it may follow (as `GET /v1/worker-imports/{id}` decides, mayFollowImport): the back office every
 * import, an agent the ones it started itself (the same subject through the same client).
 */
@Injectable()
export class ListWorkerImportsQuery {
  constructor(@InjectRepository(WorkerImportEntity) private readonly imports: Repository<WorkerImportEntity>) {}

  async list(page: PageDto, caller: Caller): Promise<WorkerImportPage> {
    const where: FindOptionsWhere<WorkerImportEntity> =
      regionsVisibleTo(caller) === undefined ? {} : { startedBySubject: caller.subject, startedByClient: caller.clientId };
    const [imports, total] = await this.imports.findAndCount({
      where,
      order: { receivedAt: 'DESC', id: 'ASC' },
      skip: page.offset,
      take: page.limit,
    });
    return { items: imports.map(workerImportSummary), total, limit: page.limit, offset: page.offset };
  }
}

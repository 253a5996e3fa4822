import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { FindOptionsWhere, Repository } from 'typeorm';
import { WorkerReader } from '../workers/worker-reader';
import { WorkerEntity, type WorkerStatus } from '../workers/worker.entity';
import type { SearchWorkersDto, WorkerPage } from './search-workers.dto';

/** `GET /v1/workers`: in registration order (the membership number), each filter served by its own index. */
@Injectable()
export class SearchWorkersQuery {
  constructor(
    @InjectRepository(WorkerEntity) private readonly workers: Repository<WorkerEntity>,
    private readonly reader: WorkerReader,
  ) {}

  async search(query: SearchWorkersDto): Promise<WorkerPage> {
    const where: FindOptionsWhere<WorkerEntity> = {};
    if (query.regionCode) where.regionCode = query.regionCode;
    if (query.status) where.status = query.status as WorkerStatus;
    if (query.occupation) where.occupation = query.occupation;
    const [workers, total] = await this.workers.findAndCount({
      where,
      order: { membershipNumber: 'ASC' },
      skip: query.offset,
      take: query.limit,
    });
    return { items: workers.map((worker) => this.reader.summary(worker)), total, limit: query.limit, offset: query.offset };
  }
}

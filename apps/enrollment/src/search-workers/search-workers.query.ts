import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type FindOptionsWhere, In, type Repository } from 'typeorm';
import { type Caller, regionsVisibleTo } from '@jaring/platform';
import { searchRegions } from '../domain/region-access';
import { WorkerReader } from '../workers/worker-reader';
import { WorkerEntity, type WorkerStatus } from '../workers/worker.entity';
import type { SearchWorkersDto, WorkerPage } from './search-workers.dto';

/**
 * `GET /v1/workers`: in registration order (the membership number), each filter served by its own index.
 * An agent searches its own regions only: without `regionCode` those, and a `regionCode` outside them finds
 * nothing (and reads nothing).
 */
@Injectable()
export class SearchWorkersQuery {
  constructor(
    @InjectRepository(WorkerEntity) private readonly workers: Repository<WorkerEntity>,
    private readonly reader: WorkerReader,
  ) {}

  async search(query: SearchWorkersDto, caller: Caller): Promise<WorkerPage> {
    const regions = searchRegions(regionsVisibleTo(caller), query.regionCode);
    if (regions?.length === 0) return { items: [], total: 0, limit: query.limit, offset: query.offset };
    const where: FindOptionsWhere<WorkerEntity> = {};
    if (regions) where.regionCode = regions.length === 1 ? regions[0] : In(regions);
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

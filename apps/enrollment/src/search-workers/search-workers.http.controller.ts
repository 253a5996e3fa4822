import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import type { FindOptionsWhere, Repository } from 'typeorm';
import { ProblemDetailsDto } from '@jaring/platform';
import { WorkerReader } from '../workers/worker-reader';
import { WorkerEntity, type WorkerStatus } from '../workers/worker.entity';
import { SearchWorkersQuery, WorkerPage } from './search-workers.query';

@ApiTags('workers')
@Controller('v1/workers')
export class SearchWorkersHttpController {
  constructor(
    @InjectRepository(WorkerEntity) private readonly workers: Repository<WorkerEntity>,
    private readonly reader: WorkerReader,
  ) {}

  /** In registration order (the membership number), each filter served by its own index. */
  @Get()
  @ApiOperation({ summary: 'Search workers by region, status and occupation, paginated' })
  @ApiOkResponse({ type: WorkerPage })
  @ApiBadRequestResponse({ type: ProblemDetailsDto })
  async search(@Query() query: SearchWorkersQuery): Promise<WorkerPage> {
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

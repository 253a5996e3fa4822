import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ArrayContains, type FindOptionsWhere, In, type Repository } from 'typeorm';
import { UseCaseError } from '@jaring/domain';
import { type Caller, regionsVisibleTo } from '@jaring/platform';
import { searchRegions } from '../domain/region-access';
import { parseSearchTerm } from '../domain/worker-search-term';
import { PersonalDataProtector } from '../personal-data/personal-data-protector';
import { WorkerReader } from '../workers/worker-reader';
import { WorkerEntity, type WorkerStatus } from '../workers/worker.entity';
import type { SearchWorkersDto, WorkerPage } from './search-workers.dto';

/**
 * `GET /v1/workers`: in registration order (the membership number), each filter served by its own index.
 * An agent searches its own regions only: without `regionCode` those, and a `regionCode` outside them finds
 * nothing (and reads nothing).
 *
 * `q` finds a membership number as it is, a NIK by its keyed hash, and a name by its blind index: the keyed
 * hashes of the words asked for must all be among the worker's (`name_index @> ...`, a GIN index). The
 * names themselves are sealed and never compared in clear.
 */
@Injectable()
export class SearchWorkersQuery {
  constructor(
    @InjectRepository(WorkerEntity) private readonly workers: Repository<WorkerEntity>,
    private readonly reader: WorkerReader,
    private readonly protector: PersonalDataProtector,
  ) {}

  async search(query: SearchWorkersDto, caller: Caller): Promise<WorkerPage> {
    const where: FindOptionsWhere<WorkerEntity> = query.q === undefined ? {} : this.termCondition(query.q);
    const regions = searchRegions(regionsVisibleTo(caller), query.regionCode);
    if (regions?.length === 0) return { items: [], total: 0, limit: query.limit, offset: query.offset };
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

  /** The condition `q` puts on the workers (the DTO has refused, 400 naming it, a `q` that cannot be searched for). */
  private termCondition(q: string): FindOptionsWhere<WorkerEntity> {
    const term = parseSearchTerm(q);
    if ('invalid' in term) throw UseCaseError.invalidFields([{ field: 'q', reason: term.invalid }]);
    switch (term.kind) {
      case 'membershipNumber':
        return { membershipNumber: term.membershipNumber };
      case 'nik':
        return { nikHash: this.protector.nikHash(term.nik) };
      case 'name':
        return { nameIndex: ArrayContains(term.words.map((word) => this.protector.nameWordHash(word))) };
    }
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { UseCaseError } from '@jaring/domain';
import { rowsOf } from '@jaring/platform';
import type { FunderDto } from '../funders/funder.dto';
import { toFunderDto, type FunderRow } from '../funders/funder-row';

/** A funder, or a 404. The caller checks who may see it. */
@Injectable()
export class GetFunderQuery {
  constructor(private readonly dataSource: DataSource) {}

  async get(id: string): Promise<FunderDto> {
    const [row] = await rowsOf<FunderRow>(this.dataSource.manager, 'SELECT * FROM funders WHERE id = $1', [id]);
    if (!row) throw UseCaseError.notFound(`no funder ${id}`);
    return toFunderDto(row);
  }
}

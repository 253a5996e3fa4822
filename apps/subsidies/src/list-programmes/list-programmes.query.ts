import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { rowsOf, type Caller } from '@jaring/platform';
import { funderFilterOf } from '../auth/funder-access';
import { PROGRAMME_COLUMNS, toProgrammeDto, type ProgrammeRow } from '../programmes/programme-row';
import type { ProgrammeListDto } from './list-programmes.dto';

/** The caller's programmes, oldest first: a funder's key sees only its funder's, the back office any funder's or all. */
@Injectable()
export class ListProgrammesQuery {
  constructor(private readonly dataSource: DataSource) {}

  async list(caller: Caller, funderId: string | undefined, limit: number, offset: number): Promise<ProgrammeListDto> {
    const scope = funderFilterOf(caller, funderId);
    const where = scope ? 'WHERE funder_id = $3' : '';
    const params: unknown[] = [limit, offset, ...(scope ? [scope] : [])];
    const rows = await rowsOf<ProgrammeRow>(
      this.dataSource.manager,
      `SELECT ${PROGRAMME_COLUMNS} FROM programmes ${where} ORDER BY created_at, id LIMIT $1 OFFSET $2`,
      params,
    );
    const [{ total }] = await rowsOf<{ total: number }>(
      this.dataSource.manager,
      `SELECT count(*)::int AS total FROM programmes ${scope ? 'WHERE funder_id = $1' : ''}`,
      scope ? [scope] : [],
    );
    return { items: rows.map(toProgrammeDto), total };
  }
}

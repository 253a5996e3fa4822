import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { rowsOf, type Caller } from '@jaring/platform';
import { funderFilterOf } from '../auth/funder-access';
import { toFunderDto, type FunderRow } from '../funders/funder-row';
import type { FunderListDto } from './list-funders.dto';

/** The funders by name, a page at a time: the back office sees every one, a funder's key or staff its own only. */
@Injectable()
export class ListFundersQuery {
  constructor(private readonly dataSource: DataSource) {}

  async list(caller: Caller, limit: number, offset: number): Promise<FunderListDto> {
    const scope = funderFilterOf(caller, undefined);
    const rows = await rowsOf<FunderRow>(
      this.dataSource.manager,
      `SELECT * FROM funders ${scope ? 'WHERE id = $3' : ''} ORDER BY name, id LIMIT $1 OFFSET $2`,
      [limit, offset, ...(scope ? [scope] : [])],
    );
    const [{ total }] = await rowsOf<{ total: number }>(
      this.dataSource.manager,
      `SELECT count(*)::int AS total FROM funders ${scope ? 'WHERE id = $1' : ''}`,
      scope ? [scope] : [],
    );
    return { items: rows.map(toFunderDto), total, limit, offset };
  }
}

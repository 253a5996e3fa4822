import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Caller } from '@jaring/platform';
import { assertActsFor } from '../auth/funder-access';
import { findProgramme } from '../programmes/find-programme';
import type { ProgrammeDto } from '../programmes/programme.dto';
import { toProgrammeDto } from '../programmes/programme-row';

/** A programme with its balances, for its funder's keys and the back office. */
@Injectable()
export class GetProgrammeQuery {
  constructor(private readonly dataSource: DataSource) {}

  async get(caller: Caller, id: string): Promise<ProgrammeDto> {
    const row = await findProgramme(this.dataSource.manager, id);
    assertActsFor(caller, row.funder_id);
    return toProgrammeDto(row);
  }
}

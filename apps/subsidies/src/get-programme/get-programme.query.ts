import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { assertActsFor, type Principal } from '../auth/principal';
import { findProgramme } from '../programmes/find-programme';
import type { ProgrammeDto } from '../programmes/programme.dto';
import { toProgrammeDto } from '../programmes/programme-row';

/** A programme with its balances, for its funder's partners or the operator. */
@Injectable()
export class GetProgrammeQuery {
  constructor(private readonly dataSource: DataSource) {}

  async get(principal: Principal, id: string): Promise<ProgrammeDto> {
    const row = await findProgramme(this.dataSource.manager, id);
    assertActsFor(principal, row.funder_id);
    return toProgrammeDto(row);
  }
}

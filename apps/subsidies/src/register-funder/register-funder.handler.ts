import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { rowsOf } from '@jaring/platform';
import { funderRegion } from '../domain/funder-region';
import type { FunderDto } from '../funders/funder.dto';
import { toFunderDto, type FunderRow } from '../funders/funder-row';
import type { CreateFunderDto } from './register-funder.dto';

/** The operator registers a funder: the national budget, a province or regency (APBD), or a company (CSR). */
@Injectable()
export class RegisterFunderHandler {
  constructor(private readonly dataSource: DataSource) {}

  async handle(input: CreateFunderDto): Promise<FunderDto> {
    const regionCode = funderRegion(input.type, input.regionCode);
    const [row] = await rowsOf<FunderRow>(
      this.dataSource.manager,
      'INSERT INTO funders (id, name, type, region_code) VALUES ($1, $2, $3, $4) RETURNING *',
      [randomUUID(), input.name.trim(), input.type, regionCode],
    );
    return toFunderDto(row);
  }
}

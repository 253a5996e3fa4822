import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { rowsOf, type Actor } from '@jaring/platform';
import { funderRegion } from '../domain/funder-region';
import type { FunderDto } from '../funders/funder.dto';
import { toFunderDto, type FunderRow } from '../funders/funder-row';
import type { CreateFunderDto } from './register-funder.dto';

/** A programme officer registers a funder: the national budget, a province or regency (APBD), or a company (CSR). */
@Injectable()
export class RegisterFunderHandler {
  constructor(private readonly dataSource: DataSource) {}

  async handle(input: CreateFunderDto, actor: Actor): Promise<FunderDto> {
    const regionCode = funderRegion(input.type, input.regionCode);
    const [row] = await rowsOf<FunderRow>(
      this.dataSource.manager,
      `INSERT INTO funders (id, name, type, region_code, registered_by_subject, registered_by_client)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
      [randomUUID(), input.name.trim(), input.type, regionCode, actor.subject, actor.clientId],
    );
    return toFunderDto(row);
  }
}

import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { UseCaseError } from '@jaring/domain';
import { rowsOf, type Actor } from '@jaring/platform';
import { funderRegion } from '../domain/funder-region';
import type { FunderDto } from '../funders/funder.dto';
import { toFunderDto, type FunderRow } from '../funders/funder-row';
import type { CreateFunderDto } from './register-funder.dto';

/**
 * A programme officer registers a funder: the national budget, a province or regency (APBD), or a company (CSR),
 * with the code its staff's sign-in will name it by, if it has staff who sign in. A code is one funder's only.
 */
@Injectable()
export class RegisterFunderHandler {
  constructor(private readonly dataSource: DataSource) {}

  async handle(input: CreateFunderDto, actor: Actor): Promise<FunderDto> {
    const regionCode = funderRegion(input.type, input.regionCode);
    const [row] = await rowsOf<FunderRow>(
      this.dataSource.manager,
      `INSERT INTO funders (id, name, type, region_code, code, registered_by_subject, registered_by_client)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (code) DO NOTHING RETURNING *`,
      [randomUUID(), input.name.trim(), input.type, regionCode, input.code ?? null, actor.subject, actor.clientId],
    );
    if (!row) {
      throw UseCaseError.conflict('another funder has this code: each funder has a code of its own', {
        type: 'funder-code-taken',
        title: 'Funder code taken',
        errors: [{ field: 'code', reason: 'code is already the code of another funder' }],
      });
    }
    return toFunderDto(row);
  }
}

import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Problem } from '@jaring/platform';
import type { CreateFunderDto, FunderDto, FunderType } from './funder.dto';

interface FunderRow {
  id: string;
  name: string;
  type: FunderType;
  region_code: string | null;
  created_at: Date;
}

export function toFunderDto(row: FunderRow): FunderDto {
  return { id: row.id, name: row.name, type: row.type, regionCode: row.region_code, createdAt: row.created_at.toISOString() };
}

@Injectable()
export class FundersService {
  constructor(private readonly dataSource: DataSource) {}

  async create(input: CreateFunderDto): Promise<FunderDto> {
    const regionCode = checkedRegion(input);
    const [row] = (await this.dataSource.query('INSERT INTO funders (id, name, type, region_code) VALUES ($1, $2, $3, $4) RETURNING *', [
      randomUUID(),
      input.name.trim(),
      input.type,
      regionCode,
    ])) as FunderRow[];
    return toFunderDto(row);
  }

  async get(id: string): Promise<FunderDto> {
    const [row] = (await this.dataSource.query('SELECT * FROM funders WHERE id = $1', [id])) as FunderRow[];
    if (!row) throw Problem.notFound(`no funder ${id}`);
    return toFunderDto(row);
  }
}

/** An APBD funder is bound to its province or regency; the national budget and companies are not. */
function checkedRegion(input: CreateFunderDto): string | null {
  const digits = input.type === 'APBD_PROVINCE' ? 2 : input.type === 'APBD_REGENCY' ? 4 : 0;
  if (digits === 0) {
    if (input.regionCode !== undefined)
      throw Problem.badRequest('only APBD funders have a region', [{ field: 'regionCode', reason: `must be absent for ${input.type}` }]);
    return null;
  }
  if (input.regionCode?.length !== digits || input.regionCode.startsWith('00') || input.regionCode.endsWith('00')) {
    throw Problem.badRequest('an APBD funder needs its region', [
      {
        field: 'regionCode',
        reason: `${input.type} needs the ${digits}-digit Kemendagri code of its ${digits === 2 ? 'province' : 'regency or city'}`,
      },
    ]);
  }
  return input.regionCode;
}

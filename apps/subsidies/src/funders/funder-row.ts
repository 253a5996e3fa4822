import type { FunderDto, FunderType } from './funder.dto';

/** A funders row as node-pg returns it. */
export interface FunderRow {
  id: string;
  name: string;
  type: FunderType;
  region_code: string | null;
  code: string | null;
  created_at: Date;
}

export function toFunderDto(row: FunderRow): FunderDto {
  return {
    id: row.id,
    name: row.name,
    type: row.type,
    regionCode: row.region_code,
    code: row.code,
    createdAt: row.created_at.toISOString(),
  };
}

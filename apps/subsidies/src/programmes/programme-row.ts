import { rupiah } from '@jaring/platform';
import type { Eligibility } from '../domain/eligibility';
import type { ProgrammeDto, Selection } from './programme.dto';

/** A programmes row as node-pg returns it (bigint as string, date as string with the type parser below). */
export interface ProgrammeRow {
  id: string;
  funder_id: string;
  funder_type: string;
  name: string;
  budget: string;
  coverage_months: number;
  programs: string[];
  regions: string[] | null;
  occupations: string[] | null;
  income_ceiling: string | null;
  quota: number | null;
  starts_on: string;
  ends_on: string;
  selection: Selection;
  available: string;
  reserved: string;
  spent: string;
  refunded: string;
  sponsored_workers: number;
  exhausted_on: string | null;
  created_at: Date;
}

/** The columns of a ProgrammeRow, of the table or of an alias. Dates as text (`to_char`): no time zone ever shifts a day. */
export function programmeColumns(alias?: string): string {
  const p = alias ? `${alias}.` : '';
  return `${p}id, ${p}funder_id, ${p}funder_type, ${p}name, ${p}budget, ${p}coverage_months, ${p}programs, ${p}regions, ${p}occupations,
    ${p}income_ceiling, ${p}quota, to_char(${p}starts_on, 'YYYY-MM-DD') AS starts_on, to_char(${p}ends_on, 'YYYY-MM-DD') AS ends_on,
    ${p}selection, ${p}available, ${p}reserved, ${p}spent, ${p}refunded, ${p}sponsored_workers, to_char(${p}exhausted_on, 'YYYY-MM-DD') AS exhausted_on, ${p}created_at`;
}

export const PROGRAMME_COLUMNS = programmeColumns();

export function eligibilityOf(row: ProgrammeRow): Eligibility {
  return {
    regions: row.regions,
    occupations: row.occupations,
    incomeCeiling: row.income_ceiling === null ? null : rupiah(row.income_ceiling),
  };
}

export function toProgrammeDto(row: ProgrammeRow): ProgrammeDto {
  return {
    id: row.id,
    funderId: row.funder_id,
    funderType: row.funder_type,
    name: row.name,
    budget: rupiah(row.budget),
    coverageMonths: row.coverage_months,
    programs: row.programs,
    eligibility: {
      ...(row.regions ? { regions: row.regions } : {}),
      ...(row.occupations ? { occupations: row.occupations } : {}),
      ...(row.income_ceiling !== null ? { incomeCeiling: rupiah(row.income_ceiling) } : {}),
    },
    quota: row.quota,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    selection: row.selection,
    reserved: rupiah(row.reserved),
    spent: rupiah(row.spent),
    refunded: rupiah(row.refunded),
    remaining: rupiah(row.available),
    sponsoredWorkers: row.sponsored_workers,
    exhaustedOn: row.exhausted_on,
    createdAt: row.created_at.toISOString(),
  };
}

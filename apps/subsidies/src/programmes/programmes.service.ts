import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError, isIsoDate, validateProgramSelection } from '@jaring/domain';
import { Idempotency, type IdempotentOutcome, type IdempotentRequest, Problem, rowsOf, retryingLostRaces } from '@jaring/platform';
import { assertActsFor, type Principal } from '../auth/principal';
import { recordBudgetEntries } from '../budget/budget-ledger';
import type { CreateProgrammeDto, ProgrammeDto, ProgrammeListDto } from './programme.dto';
import { PROGRAMME_COLUMNS, toProgrammeDto, type ProgrammeRow } from './programme-row';

/** The idempotency scope of a caller: keys of one partner never collide with another's. */
export function idempotencyScope(principal: Principal): string {
  return principal.kind === 'admin' ? 'admin' : `funder:${principal.funderId}`;
}

@Injectable()
export class ProgrammesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly idempotency: Idempotency,
  ) {}

  /** Opens a programme: its whole budget goes from the funder's commitment into AVAILABLE. */
  async create(principal: Principal, input: CreateProgrammeDto, request: IdempotentRequest): Promise<IdempotentOutcome<ProgrammeDto>> {
    assertActsFor(principal, input.funderId);
    const programs = checkedPrograms(input.programs);
    checkDates(input.startsOn, input.endsOn);
    return retryingLostRaces(() =>
      this.idempotency.run(request, async (manager) => {
        const [funder] = (await manager.query('SELECT type, region_code FROM funders WHERE id = $1', [input.funderId])) as Array<{
          type: string;
          region_code: string | null;
        }>;
        if (!funder) throw Problem.unprocessable('no such funder', [{ field: 'funderId', reason: 'no funder has this id' }]);
        const regions = regionsWithinFunder(input.eligibility?.regions, funder.region_code);
        const id = randomUUID();
        await manager.query(
          `INSERT INTO programmes (id, funder_id, funder_type, name, budget, coverage_months, programs, regions, occupations, income_ceiling,
           quota, starts_on, ends_on, selection, available)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $5)`,
          [
            id,
            input.funderId,
            funder.type,
            input.name.trim(),
            input.budget,
            input.coverageMonths,
            programs,
            regions,
            input.eligibility?.occupations ? [...new Set(input.eligibility.occupations)] : null,
            input.eligibility?.incomeCeiling ?? null,
            input.quota ?? null,
            input.startsOn,
            input.endsOn,
            input.selection,
          ],
        );
        await recordBudgetEntries(manager, [
          { id, programmeId: id, from: 'FUNDING', to: 'AVAILABLE', amount: input.budget, kind: 'BUDGET' },
        ]);
        return this.load(manager, id);
      }),
    );
  }

  async get(principal: Principal, id: string): Promise<ProgrammeDto> {
    const row = await this.findRow(this.dataSource.manager, id);
    assertActsFor(principal, row.funder_id);
    return toProgrammeDto(row);
  }

  async list(principal: Principal, funderId: string | undefined, limit: number, offset: number): Promise<ProgrammeListDto> {
    const scope = principal.kind === 'partner' ? principal.funderId : funderId;
    if (principal.kind === 'partner' && funderId && funderId !== principal.funderId) assertActsFor(principal, funderId);
    const where = scope ? 'WHERE funder_id = $3' : '';
    const params: unknown[] = [limit, offset, ...(scope ? [scope] : [])];
    const rows = await rowsOf<ProgrammeRow>(
      this.dataSource.manager,
      `SELECT ${PROGRAMME_COLUMNS} FROM programmes ${where} ORDER BY created_at, id LIMIT $1 OFFSET $2`,
      params,
    );
    const [{ total }] = (await this.dataSource.query(
      `SELECT count(*)::int AS total FROM programmes ${scope ? 'WHERE funder_id = $1' : ''}`,
      scope ? [scope] : [],
    )) as Array<{
      total: number;
    }>;
    return { items: rows.map(toProgrammeDto), total };
  }

  /** The programme, or a 404. Callers check who may see it. */
  async findRow(manager: EntityManager, id: string): Promise<ProgrammeRow> {
    const [row] = await rowsOf<ProgrammeRow>(manager, `SELECT ${PROGRAMME_COLUMNS} FROM programmes WHERE id = $1`, [id]);
    if (!row) throw Problem.notFound(`no programme ${id}`);
    return row;
  }

  private async load(manager: EntityManager, id: string): Promise<ProgrammeDto> {
    return toProgrammeDto(await this.findRow(manager, id));
  }
}

function checkedPrograms(programs: string[]): string[] {
  try {
    return validateProgramSelection(programs, 'programs');
  } catch (error) {
    if (DomainError.is(error)) throw Problem.badRequest(error.message, [{ field: 'programs', reason: error.message }]);
    throw error;
  }
}

function checkDates(startsOn: string, endsOn: string): void {
  const errors = [
    ...(isIsoDate(startsOn) ? [] : [{ field: 'startsOn', reason: 'not a calendar date' }]),
    ...(isIsoDate(endsOn) ? [] : [{ field: 'endsOn', reason: 'not a calendar date' }]),
  ];
  if (!errors.length && endsOn < startsOn) errors.push({ field: 'endsOn', reason: 'must not be before startsOn' });
  if (errors.length) throw Problem.badRequest('invalid programme dates', errors);
}

/**
 * A regional budget pays only for its own region: an APBD programme's regions default to the funder's and
 * must lie inside it. APBN and CSR programmes may name any regions, or none (everywhere).
 */
function regionsWithinFunder(regions: string[] | undefined, funderRegion: string | null): string[] | null {
  if (!funderRegion) return regions ? [...new Set(regions)] : null;
  if (!regions) return [funderRegion];
  // A province funder may narrow to its regencies; a regency funder cannot widen to its province.
  const outside = regions.filter((region) => !(region.length >= funderRegion.length && region.startsWith(funderRegion)));
  if (outside.length) {
    throw Problem.badRequest('a regional budget pays only for its own region', [
      { field: 'eligibility.regions', reason: `${outside.join(', ')} outside the funder's region ${funderRegion}` },
    ]);
  }
  return [...new Set(regions)];
}

import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DomainError, UseCaseError, validateProgramSelection } from '@jaring/domain';
import {
  actorOf,
  Idempotency,
  type Caller,
  type IdempotentOutcome,
  type IdempotentRequest,
  retryingLostRaces,
  rowsOf,
} from '@jaring/platform';
import { assertActsFor } from '../auth/funder-access';
import { recordBudgetEntries } from '../budget/budget-ledger';
import { checkProgrammeDates, regionsWithinFunder } from '../domain/programme-rules';
import { findProgramme } from '../programmes/find-programme';
import type { ProgrammeDto } from '../programmes/programme.dto';
import { toProgrammeDto } from '../programmes/programme-row';
import type { CreateProgrammeDto } from './open-programme.dto';

@Injectable()
export class OpenProgrammeHandler {
  constructor(private readonly idempotency: Idempotency) {}

  /** Opens a programme: its whole budget goes from the funder's commitment into AVAILABLE. */
  async handle(caller: Caller, input: CreateProgrammeDto, request: IdempotentRequest): Promise<IdempotentOutcome<ProgrammeDto>> {
    assertActsFor(caller, input.funderId);
    const actor = actorOf(caller);
    const programs = checkedPrograms(input.programs);
    checkProgrammeDates(input.startsOn, input.endsOn);
    return retryingLostRaces(() =>
      this.idempotency.run(request, async (manager) => {
        const [funder] = await rowsOf<{ type: string; region_code: string | null }>(
          manager,
          'SELECT type, region_code FROM funders WHERE id = $1',
          [input.funderId],
        );
        if (!funder)
          throw UseCaseError.unprocessable('no such funder', { errors: [{ field: 'funderId', reason: 'no funder has this id' }] });
        const regions = regionsWithinFunder(input.eligibility?.regions, funder.region_code);
        const id = randomUUID();
        await manager.query(
          `INSERT INTO programmes (id, funder_id, funder_type, name, budget, coverage_months, programs, regions, occupations, income_ceiling,
           quota, starts_on, ends_on, selection, available, opened_by_subject, opened_by_client)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $5, $15, $16)`,
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
            actor.subject,
            actor.clientId,
          ],
        );
        await recordBudgetEntries(manager, [
          { id, programmeId: id, from: 'FUNDING', to: 'AVAILABLE', amount: input.budget, kind: 'BUDGET' },
        ]);
        return toProgrammeDto(await findProgramme(manager, id));
      }),
    );
  }
}

/** The programmes paid, as the one rule of libs/domain checks them; its refusal names the `programs` field. */
function checkedPrograms(programs: string[]): string[] {
  try {
    return validateProgramSelection(programs, 'programs');
  } catch (error) {
    if (DomainError.is(error)) throw UseCaseError.invalid(error.message, { errors: [{ field: 'programs', reason: error.message }] });
    throw error;
  }
}

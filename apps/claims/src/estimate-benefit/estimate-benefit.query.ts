import { Inject, Injectable } from '@nestjs/common';
import {
  DomainError,
  isKindOf,
  KINDS_BY_TYPE,
  Period,
  todayOf,
  UseCaseError,
  type Benefit,
  type ClaimType,
  type Clock,
} from '@jaring/domain';
import { CLOCK } from '@jaring/platform';
import { benefitOf, incomeNominalOf, jhtMonthlyContribution } from '../domain/benefit-of';
import type { EstimateBenefitDto } from './estimate-benefit.dto';

export interface BenefitEstimate {
  type: string;
  kind: string;
  /** The day whose rules and income brackets were used: today. */
  on: string;
  declaredMonthlyIncome: number | null;
  incomeNominal: number | null;
  benefit: Benefit;
}

/** Query parameter of each benefit input, to name it in a 400. */
const PARAMETER_OF: Record<string, string> = { incomeNominal: 'declaredMonthlyIncome', jhtContributions: 'declaredMonthlyIncome' };

/**
 * What a family would receive (docs/api.md, public, for field agents beside the contribution quote): the very
 * `benefitOf` that computes claims, with today's rules and the declared income's bracket.
 */
@Injectable()
export class EstimateBenefitQuery {
  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  estimate(query: EstimateBenefitDto): BenefitEstimate {
    const type = query.type as ClaimType;
    const kind = query.kind ?? (type === 'JKK' ? undefined : KINDS_BY_TYPE[type][0]);
    if (!kind || !isKindOf(type, kind)) {
      throw UseCaseError.invalid(`a ${type} estimate needs a kind`, {
        errors: [{ field: 'kind', reason: `must be one of ${KINDS_BY_TYPE[type].join(', ')} for ${type}` }],
      });
    }
    const on = todayOf(this.clock);
    const period = Period.fromDate(on).toString();
    const income = query.declaredMonthlyIncome;
    try {
      const benefit = benefitOf({
        type,
        kind: kind,
        on,
        declaredMonthlyIncome: income,
        membershipMonths: query.membershipMonths,
        jhtContributions:
          type === 'JHT' && income !== undefined && query.membershipMonths !== undefined
            ? query.membershipMonths * jhtMonthlyContribution(income, period)
            : undefined,
        details: { medicalCosts: query.medicalCosts, daysUnableToWork: query.daysUnableToWork, disabilityPercent: query.disabilityPercent },
      });
      return {
        type,
        kind,
        on,
        declaredMonthlyIncome: income ?? null,
        incomeNominal: income === undefined ? null : incomeNominalOf(income, period),
        benefit,
      };
    } catch (error) {
      if (!DomainError.is(error)) throw error;
      const field =
        error.field === 'jhtContributions' && income !== undefined
          ? 'membershipMonths'
          : (PARAMETER_OF[error.field ?? ''] ?? error.field ?? 'type');
      throw UseCaseError.invalid(`${field} is needed for a ${type} ${kind} estimate`, { errors: [{ field, reason: error.message }] });
    }
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { type Clock, Period, PROGRAM_BENEFITS, quoteContribution } from '@jaring/domain';
import { CLOCK } from '@jaring/platform';
import type { QuoteDto, QuoteQueryDto } from './get-contribution-quote.dto';

/**
 * The calculator field agents show workers: what they would pay, by programme, and what each pays out.
 * No SQL: the rates are data in `@jaring/domain`. A rule the input breaks (a period out of range) is a
 * DomainError, answered as a 400 naming the field.
 */
@Injectable()
export class GetContributionQuoteQuery {
  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  get(query: QuoteQueryDto): QuoteDto {
    const occupation = query.occupation ?? 'OTHER';
    const payer = query.payer ?? 'SELF';
    const quote = quoteContribution({
      declaredMonthlyIncome: query.declaredMonthlyIncome,
      programs: query.programs ?? ['JKK', 'JKM'],
      period: query.period ?? Period.current(this.clock),
      occupation,
      payer,
    });
    return {
      period: quote.period,
      declaredMonthlyIncome: quote.declaredMonthlyIncome,
      occupation,
      payer,
      bracket: { ...quote.bracket, nominal: quote.bracketNominal },
      lines: quote.lines.map((line) => ({
        ...line,
        name: PROGRAM_BENEFITS[line.program].name,
        covers: PROGRAM_BENEFITS[line.program].covers,
      })),
      total: quote.total,
      fullTotal: quote.fullTotal,
      discount: quote.discountRule ?? null,
    };
  }
}

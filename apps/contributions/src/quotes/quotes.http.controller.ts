import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type Clock, Period, PROGRAM_BENEFITS, type ProgramCode, quoteContribution } from '@jaring/domain';
import { CLOCK } from '@jaring/platform';
import { orBadRequest } from '../shared/domain-problem';
import { QuoteDto, QuoteQueryDto } from './quote.dto';

/** The calculator field agents show workers: what they would pay, by programme, and what each pays out. */
@ApiTags('quotes')
@Controller('v1/contribution-quotes')
export class QuotesHttpController {
  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  @Get()
  @ApiOkResponse({ type: QuoteDto })
  quote(@Query() query: QuoteQueryDto): QuoteDto {
    const occupation = query.occupation ?? 'OTHER';
    const payer = query.payer ?? 'SELF';
    const quote = orBadRequest(() =>
      quoteContribution({
        declaredMonthlyIncome: query.declaredMonthlyIncome,
        programs: query.programs ?? ['JKK', 'JKM'],
        period: query.period ?? Period.current(this.clock),
        occupation,
        payer,
      }),
    );
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

import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '@jaring/platform';
import { QuoteDto, QuoteQueryDto } from './get-contribution-quote.dto';
import { GetContributionQuoteQuery } from './get-contribution-quote.query';

/** The calculator field agents show workers: what they would pay, by programme, and what each pays out. Anyone may ask. */
@ApiTags('quotes')
@Controller('v1/contribution-quotes')
export class GetContributionQuoteHttpController {
  constructor(private readonly quotes: GetContributionQuoteQuery) {}

  @Get()
  @Public()
  @ApiOkResponse({ type: QuoteDto })
  quote(@Query() query: QuoteQueryDto): QuoteDto {
    return this.quotes.get(query);
  }
}

import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Allow } from '@jaring/platform';
import { BillingRunDto } from './get-billing-run.dto';
import { type BillingRun, GetBillingRunQuery } from './get-billing-run.query';

/** Follows a billing run started by POST /v1/billing-runs (run-billing/): operators, finance and auditors. */
@ApiTags('billing')
@Controller('v1/billing-runs')
export class GetBillingRunHttpController {
  constructor(private readonly runs: GetBillingRunQuery) {}

  @Get(':id')
  @Allow('operator', 'finance', 'auditor')
  @ApiOkResponse({ type: BillingRunDto })
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<BillingRun> {
    return this.runs.get(id);
  }
}

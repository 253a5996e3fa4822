import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Period } from '@jaring/domain';
import { actorOf, Allow, type Caller, CurrentCaller, ProblemDetailsDto } from '@jaring/platform';
import { BillingRunDto } from '../get-billing-run/get-billing-run.dto';
import type { BillingRun } from '../get-billing-run/get-billing-run.query';
import { StartBillingRunDto } from './run-billing.dto';
import { RunBillingHandler } from './run-billing.handler';

/**
 * POST starts the run and answers 202 at once (a period of a million workers takes minutes); GET follows
 * it (get-billing-run/). Repeating a run is safe: it issues only the invoices still missing. Not money-moving
 * (no payment), so no Idempotency-Key: the run itself is idempotent. Operators only, for the current or the
 * next period; the run records who asked.
 */
@ApiTags('billing')
@Controller('v1/billing-runs')
export class RunBillingHttpController {
  constructor(private readonly runs: RunBillingHandler) {}

  @Post()
  @HttpCode(202)
  @Allow('operator')
  @ApiAcceptedResponse({ type: BillingRunDto })
  @ApiUnprocessableEntityResponse({
    type: ProblemDetailsDto,
    description: '`period-not-allowed`: only the current period or the next one may be billed',
  })
  start(@Body() body: StartBillingRunDto, @CurrentCaller() caller: Caller): Promise<BillingRun> {
    return this.runs.startRequested(body.period ? Period.parse(body.period, 'period') : undefined, actorOf(caller));
  }
}

import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiTags } from '@nestjs/swagger';
import { type Clock, Period } from '@jaring/domain';
import { CLOCK } from '@jaring/platform';
import { BillingRunDto } from '../get-billing-run/get-billing-run.dto';
import type { BillingRun } from '../get-billing-run/get-billing-run.query';
import { StartBillingRunDto } from './run-billing.dto';
import { RunBillingHandler } from './run-billing.handler';

/**
 * POST starts the run and answers 202 at once (a period of a million workers takes minutes); GET follows
 * it (get-billing-run/). Repeating a run is safe: it issues only the invoices still missing. Not money-moving
 * (no payment), so no Idempotency-Key: the run itself is idempotent.
 */
@ApiTags('billing')
@Controller('v1/billing-runs')
export class RunBillingHttpController {
  constructor(
    private readonly runs: RunBillingHandler,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @HttpCode(202)
  @ApiAcceptedResponse({ type: BillingRunDto })
  async start(@Body() body: StartBillingRunDto): Promise<BillingRun> {
    const period = body.period ? Period.parse(body.period, 'period') : Period.current(this.clock);
    const { run } = await this.runs.start(period, 'HTTP');
    return run;
  }
}

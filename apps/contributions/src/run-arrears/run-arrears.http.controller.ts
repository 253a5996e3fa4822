import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { actorOf, Allow, type Caller, CurrentCaller, NoBodyPipe } from '@jaring/platform';
import { requestedOverHttp } from '../runs/run-request';
import { ArrearsRunDto } from './run-arrears.dto';
import { type ArrearsRunResult, RunArrearsHandler } from './run-arrears.handler';

/**
 * Runs the arrears job now (it also runs on the schedule): overdue invoices and lapses as of the
 * service clock's today, so always in the current period (it takes no period). An operations endpoint
 * beside docs/api.md's list, for operators; idempotent (a second call finds nothing more to do). The run
 * records who asked.
 */
@ApiTags('billing')
@Controller('v1/arrears-runs')
export class RunArrearsHttpController {
  constructor(private readonly arrears: RunArrearsHandler) {}

  @Post()
  @HttpCode(200)
  @Allow('operator')
  @ApiOkResponse({ type: ArrearsRunDto })
  run(@Body(NoBodyPipe) _body: unknown, @CurrentCaller() caller: Caller): Promise<ArrearsRunResult> {
    return this.arrears.run(requestedOverHttp(actorOf(caller)));
  }
}

import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { NoBodyPipe } from '@jaring/platform';
import { ArrearsRunDto } from './run-arrears.dto';
import { type ArrearsRunResult, RunArrearsHandler } from './run-arrears.handler';

/**
 * Runs the arrears job now (it also runs on the schedule): overdue invoices and lapses as of the
 * service clock's today. An operations endpoint beside docs/api.md's list; idempotent (a second call finds
 * nothing more to do).
 */
@ApiTags('billing')
@Controller('v1/arrears-runs')
export class RunArrearsHttpController {
  constructor(private readonly arrears: RunArrearsHandler) {}

  @Post()
  @HttpCode(200)
  @ApiOkResponse({ type: ArrearsRunDto })
  run(@Body(NoBodyPipe) _body: unknown): Promise<ArrearsRunResult> {
    return this.arrears.run();
  }
}

import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { NoBodyPipe } from '@jaring/platform';
import { type ArrearsRunResult, ArrearsService } from './arrears.service';

export class ArrearsRunDto implements ArrearsRunResult {
  @ApiProperty({ example: '2026-11-17', description: "The clock's today the rules were applied on" }) asOf!: string;
  @ApiProperty({ description: 'Invoices that became OVERDUE' }) overdue!: number;
  @ApiProperty({ description: 'Members that became LAPSED' }) lapsed!: number;
}

/**
 * Runs the arrears job now (it also runs on the schedule): overdue invoices and lapses as of the
 * service clock's today. An operations endpoint beside docs/api.md's list; idempotent (a second call finds
 * nothing more to do).
 */
@ApiTags('billing')
@Controller('v1/arrears-runs')
export class ArrearsHttpController {
  constructor(private readonly arrears: ArrearsService) {}

  @Post()
  @HttpCode(200)
  @ApiOkResponse({ type: ArrearsRunDto })
  run(@Body(NoBodyPipe) _body: unknown): Promise<ArrearsRunResult> {
    return this.arrears.run();
  }
}

import { Controller, Get, Header, Param, ParseUUIDPipe, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Allow, CurrentCaller, type Caller } from '@jaring/platform';
import { DownloadBankFileHandler } from './download-bank-file.handler';

@ApiTags('payouts')
@Controller('v1/payout-batches')
export class DownloadBankFileHttpController {
  constructor(private readonly handler: DownloadBankFileHandler) {}

  @Get(':id/file')
  @Allow('finance')
  @ApiProduces('text/csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: "The bank transfer file: each transfer once, then TOTAL,<count>,<sum>; each download is in the batch's record" })
  async file(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Res({ passthrough: true }) response: Response,
    @CurrentCaller() caller: Caller,
  ): Promise<string> {
    const csv = await this.handler.csv(id, caller);
    response.setHeader('Content-Disposition', `attachment; filename="payout-batch-${id}.csv"`);
    return csv;
  }
}

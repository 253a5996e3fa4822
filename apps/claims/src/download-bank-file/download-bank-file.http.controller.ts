import { Controller, Get, Header, Param, ParseUUIDPipe, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Allow } from '@jaring/platform';
import { DownloadBankFileQuery } from './download-bank-file.query';

@ApiTags('payouts')
@Controller('v1/payout-batches')
export class DownloadBankFileHttpController {
  constructor(private readonly query: DownloadBankFileQuery) {}

  @Get(':id/file')
  @Allow('finance')
  @ApiProduces('text/csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'The bank transfer file: each transfer once, then TOTAL,<count>,<sum>' })
  async file(@Param('id', new ParseUUIDPipe()) id: string, @Res({ passthrough: true }) response: Response): Promise<string> {
    const csv = await this.query.csv(id);
    response.setHeader('Content-Disposition', `attachment; filename="payout-batch-${id}.csv"`);
    return csv;
  }
}

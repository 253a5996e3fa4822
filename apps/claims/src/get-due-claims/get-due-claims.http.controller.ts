import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '@jaring/platform';
import { GetDueClaimsDto } from './get-due-claims.dto';
import { GetDueClaimsQuery, type DueClaimsPage } from './get-due-claims.query';

@ApiTags('claims: back office')
@Controller('v1/claims')
export class GetDueClaimsHttpController {
  constructor(private readonly query: GetDueClaimsQuery) {}

  @Get()
  @Allow('verifier', 'approver', 'finance', 'auditor')
  @ApiOperation({
    summary:
      'The queue of open claims: by due date, the earliest first (those with no due date yet last), each with its working days ' +
      'left and the late penalty accrued today; filtered by status, type, region and `dueBefore`',
  })
  @ApiOkResponse({ description: '{ items, total, limit, offset }' })
  list(@Query() query: GetDueClaimsDto): Promise<DueClaimsPage> {
    return this.query.list(query);
  }
}

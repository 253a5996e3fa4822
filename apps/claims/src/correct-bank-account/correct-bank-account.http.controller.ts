import { Body, Controller, Param, ParseUUIDPipe, Patch } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { BackOfficeUser } from '../auth/back-office-user';
import { CurrentUser, Roles } from '../auth/roles.decorator';
import type { ClaimView } from '../claims/claim-view';
import { BankAccountDto } from '../submit-claim/submit-claim.dto';
import { CorrectBankAccountHandler } from './correct-bank-account.handler';

@ApiTags('payouts')
@Controller('v1/claims/:id')
export class CorrectBankAccountHttpController {
  constructor(private readonly handler: CorrectBankAccountHandler) {}

  @Patch('bank-account')
  @Roles('verifier')
  @ApiOperation({ summary: "Correct the claimant's bank account (e.g. after the bank refused a transfer); the next batch pays the claim" })
  correctBankAccount(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: BankAccountDto,
    @CurrentUser() user: BackOfficeUser,
  ): Promise<ClaimView> {
    return this.handler.correct(id, body, user);
  }
}

import { Body, Controller, Param, ParseUUIDPipe, Patch } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentCaller, type Caller } from '@jaring/platform';
import type { ClaimView } from '../claims/claim-view';
import { BankAccountDto } from '../submit-claim/submit-claim.dto';
import { CorrectBankAccountHandler } from './correct-bank-account.handler';

@ApiTags('payouts')
@Controller('v1/claims/:id')
export class CorrectBankAccountHttpController {
  constructor(private readonly handler: CorrectBankAccountHandler) {}

  @Patch('bank-account')
  @Allow('verifier')
  @ApiOperation({
    summary:
      "Correct the claimant's bank account (e.g. after the bank refused or returned a transfer); a verified or approved claim goes back to verification, by others",
  })
  correctBankAccount(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: BankAccountDto,
    @CurrentCaller() caller: Caller,
  ): Promise<ClaimView> {
    return this.handler.correct(id, body, caller);
  }
}

import { Body, Controller, Get, Header, HttpCode, Param, ParseUUIDPipe, Patch, Post, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { ApiIdempotencyKey, Idempotency, idempotentRequestOf, NoBodyPipe, Problem } from '@jaring/platform';
import type { BackOfficeUser } from '../auth/back-office-user';
import { CurrentUser, Roles } from '../auth/roles.decorator';
import type { ClaimView } from '../claims/claim-view';
import { ClaimantDataProtector, sealContext, type BankAccount } from '../personal-data/claimant-data-protector';
import { BankAccountDto } from '../submit-claim/submit-claim.dto';
import { bankFileCsv } from './bank-file';
import { BankResultsDto } from './bank-results.dto';
import { BankResultsHandler, type BankResultsAnswer } from './bank-results.handler';
import { ClaimsLedger, type AccountBalance } from './claims-ledger';
import { CorrectBankAccountHandler } from './correct-bank-account.handler';
import { CreateBatchHandler } from './create-batch.handler';
import { batchView, type PayoutBatchView } from './payout-records';
import { PayoutsRepository } from './payouts.repository';

/** Idempotency keys are scoped to the signed-in user. */
const scopeOf = (user: BackOfficeUser) => `back-office:${user.id}`;

@ApiTags('payouts')
@Controller()
export class PayoutsHttpController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly idempotency: Idempotency,
    private readonly batches: CreateBatchHandler,
    private readonly results: BankResultsHandler,
    private readonly corrections: CorrectBankAccountHandler,
    private readonly payouts: PayoutsRepository,
    private readonly ledger: ClaimsLedger,
    private readonly protector: ClaimantDataProtector,
  ) {}

  @Post('v1/payout-batches')
  @Roles('finance')
  @ApiIdempotencyKey()
  @ApiOperation({ summary: 'Gather the approved claims not yet paid into a batch; its amount is reserved in the ledger' })
  async create(
    @Body(NoBodyPipe) _body: unknown,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
    @CurrentUser() user: BackOfficeUser,
  ): Promise<PayoutBatchView> {
    const outcome = await this.idempotency.run(idempotentRequestOf(request, scopeOf(user)), (manager) =>
      this.batches.create(manager, user),
    );
    return this.idempotency.send(outcome, response);
  }

  @Get('v1/payout-batches/:id')
  @Roles('finance', 'auditor')
  @ApiOperation({ summary: 'A batch with its lines and their status' })
  async get(@Param('id', new ParseUUIDPipe()) id: string): Promise<PayoutBatchView> {
    const batch = await this.payouts.batch(this.dataSource.manager, id);
    if (!batch) throw Problem.notFound(`no payout batch ${id}`);
    return batchView(batch, await this.payouts.lines(this.dataSource.manager, id));
  }

  @Get('v1/payout-batches/:id/file')
  @Roles('finance')
  @ApiProduces('text/csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'The bank transfer file: each transfer once, then TOTAL,<count>,<sum>' })
  async file(@Param('id', new ParseUUIDPipe()) id: string, @Res({ passthrough: true }) response: Response): Promise<string> {
    const batch = await this.payouts.batch(this.dataSource.manager, id);
    if (!batch) throw Problem.notFound(`no payout batch ${id}`);
    const lines = await this.payouts.lines(this.dataSource.manager, id);
    response.setHeader('Content-Disposition', `attachment; filename="payout-batch-${id}.csv"`);
    return bankFileCsv(
      lines.map((line) => {
        const account = this.protector.openJson<BankAccount>(line.bankAccountSealed, sealContext.payoutBankAccount(line.id));
        return {
          lineNo: line.lineNo,
          reference: line.id,
          bankCode: account.bankCode,
          accountNumber: account.accountNumber,
          accountName: account.accountName,
          amount: line.amount,
        };
      }),
    );
  }

  @Post('v1/payout-batches/:id/results')
  @HttpCode(200)
  @Roles('finance')
  @ApiIdempotencyKey()
  @ApiOperation({ summary: "Import the bank's result per line: PAID, or FAILED with the reason; a repeated import changes nothing" })
  async importResults(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: BankResultsDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
    @CurrentUser() user: BackOfficeUser,
  ): Promise<BankResultsAnswer> {
    const outcome = await this.idempotency.run(
      idempotentRequestOf(request, scopeOf(user)),
      (manager) => this.results.apply(manager, id, body.results, user),
      200,
    );
    return this.idempotency.send(outcome, response);
  }

  @Patch('v1/claims/:id/bank-account')
  @Roles('verifier')
  @ApiOperation({ summary: "Correct the claimant's bank account (e.g. after the bank refused a transfer); the next batch pays the claim" })
  correctBankAccount(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: BankAccountDto,
    @CurrentUser() user: BackOfficeUser,
  ): Promise<ClaimView> {
    return this.dataSource.transaction((manager) => this.corrections.correct(manager, id, body, user));
  }

  @Get('v1/payout-ledger')
  @Roles('finance', 'auditor')
  @ApiOperation({ summary: 'The payouts ledger: debits, credits and balance per account; the balances sum to zero' })
  @ApiOkResponse({ description: '{ accounts, balanced }' })
  async balances(): Promise<{ accounts: AccountBalance[]; balanced: boolean }> {
    const accounts = await this.ledger.balances(this.dataSource.manager);
    return { accounts, balanced: accounts.reduce((sum, a) => sum + a.balance, 0) === 0 };
  }
}

import { Module, type DynamicModule } from '@nestjs/common';
import type { Clock } from '@jaring/domain';
import { EventSealer, serviceFoundation } from '@jaring/platform';
import type { ClaimsConfig } from './claims.config';
import { AuditTrail } from './claims/audit-trail';
import { ClaimRepository } from './claims/claim.repository';
import { ClaimDecider } from './claim-decisions/claim-decider';
import { ClaimRedecision } from './claim-decisions/claim-redecision';
import { PendingClaims } from './claim-decisions/pending-claims';
import { ClaimScholarshipHandler } from './claim-scholarship/claim-scholarship.handler';
import { ClaimScholarshipHttpController } from './claim-scholarship/claim-scholarship.http.controller';
import { ContributionRefundsRepository } from './contribution-refunds/contribution-refunds.repository';
import { CorrectBankAccountHandler } from './correct-bank-account/correct-bank-account.handler';
import { CorrectBankAccountHttpController } from './correct-bank-account/correct-bank-account.http.controller';
import { CreatePayoutBatchHandler } from './create-payout-batch/create-payout-batch.handler';
import { CreatePayoutBatchHttpController } from './create-payout-batch/create-payout-batch.http.controller';
import { DecideClaimHandler } from './decide-claim/decide-claim.handler';
import { DecideClaimHttpController } from './decide-claim/decide-claim.http.controller';
import { FactsWaitSchedule } from './decide-pending-claims/facts-wait.schedule';
import { DownloadBankFileHttpController } from './download-bank-file/download-bank-file.http.controller';
import { DownloadBankFileHandler } from './download-bank-file/download-bank-file.handler';
import { EstimateBenefitHttpController } from './estimate-benefit/estimate-benefit.http.controller';
import { EstimateBenefitQuery } from './estimate-benefit/estimate-benefit.query';
import { FollowCoverageEventController } from './follow-coverage/follow-coverage.event.controller';
import { FollowCoverageHandler } from './follow-coverage/follow-coverage.handler';
import { FollowWorkersEventController } from './follow-workers/follow-workers.event.controller';
import { FollowWorkersHandler } from './follow-workers/follow-workers.handler';
import { GetClaimHttpController } from './get-claim/get-claim.http.controller';
import { GetClaimQuery } from './get-claim/get-claim.query';
import { GetClaimAuditHttpController } from './get-claim-audit/get-claim-audit.http.controller';
import { GetClaimAuditQuery } from './get-claim-audit/get-claim-audit.query';
import { GetDueClaimsHttpController } from './get-due-claims/get-due-claims.http.controller';
import { GetDueClaimsQuery } from './get-due-claims/get-due-claims.query';
import { GetPayoutBatchHttpController } from './get-payout-batch/get-payout-batch.http.controller';
import { GetPayoutBatchQuery } from './get-payout-batch/get-payout-batch.query';
import { GetPayoutLedgerHttpController } from './get-payout-ledger/get-payout-ledger.http.controller';
import { GetPayoutLedgerQuery } from './get-payout-ledger/get-payout-ledger.query';
import { ListPayoutBatchesHttpController } from './list-payout-batches/list-payout-batches.http.controller';
import { ListPayoutBatchesQuery } from './list-payout-batches/list-payout-batches.query';
import { CLAIMS_MIGRATIONS } from './migrations';
import { ClaimsLedger } from './payouts/claims-ledger';
import { OweContributionRefundEventController } from './owe-contribution-refund/owe-contribution-refund.event.controller';
import { OweContributionRefundHandler } from './owe-contribution-refund/owe-contribution-refund.handler';
import { PayoutsRepository } from './payouts/payouts.repository';
import { ClaimantDataProtector } from './personal-data/claimant-data-protector';
import { ReassessClaimHandler } from './reassess-claim/reassess-claim.handler';
import { ReassessClaimHttpController } from './reassess-claim/reassess-claim.http.controller';
import { RecordBankResultsHandler } from './record-bank-results/record-bank-results.handler';
import { RecordBankResultsHttpController } from './record-bank-results/record-bank-results.http.controller';
import { OverdueClaimsMetrics } from './service-levels/overdue-claims.metrics';
import { ClaimFactsReader } from './submit-claim/claim-facts.reader';
import { SubmitClaimHandler } from './submit-claim/submit-claim.handler';
import { SubmitClaimHttpController } from './submit-claim/submit-claim.http.controller';

export interface ClaimsModuleOptions {
  /** Tests bring an adjustable clock to walk through service levels; the system clock otherwise. */
  clock?: Clock;
}

@Module({})
export class ClaimsModule {
  static forRoot(config: ClaimsConfig, options: ClaimsModuleOptions = {}): DynamicModule {
    return {
      module: ClaimsModule,
      // the platform's access guard (serviceFoundation) checks every route's @Allow/@Public policy
      imports: [...serviceFoundation(config, { entities: [], migrations: CLAIMS_MIGRATIONS, clock: options.clock, idempotency: true })],
      controllers: [
        FollowWorkersEventController,
        FollowCoverageEventController,
        OweContributionRefundEventController,
        GetDueClaimsHttpController,
        SubmitClaimHttpController,
        GetClaimHttpController,
        DecideClaimHttpController,
        ReassessClaimHttpController,
        ClaimScholarshipHttpController,
        GetClaimAuditHttpController,
        EstimateBenefitHttpController,
        CreatePayoutBatchHttpController,
        ListPayoutBatchesHttpController,
        GetPayoutBatchHttpController,
        DownloadBankFileHttpController,
        RecordBankResultsHttpController,
        CorrectBankAccountHttpController,
        GetPayoutLedgerHttpController,
      ],
      providers: [
        // opens the birth dates enrollment's events carry sealed for claims
        { provide: EventSealer, useValue: new EventSealer(config.eventSealingKey) },
        ClaimantDataProtector,
        ClaimRepository,
        AuditTrail,
        PayoutsRepository,
        ContributionRefundsRepository,
        OweContributionRefundHandler,
        ClaimsLedger,
        FollowWorkersHandler,
        FollowCoverageHandler,
        ClaimFactsReader,
        ClaimDecider,
        ClaimRedecision,
        PendingClaims,
        FactsWaitSchedule,
        ReassessClaimHandler,
        ClaimScholarshipHandler,
        SubmitClaimHandler,
        GetClaimQuery,
        DecideClaimHandler,
        GetClaimAuditQuery,
        GetDueClaimsQuery,
        OverdueClaimsMetrics,
        EstimateBenefitQuery,
        CreatePayoutBatchHandler,
        ListPayoutBatchesQuery,
        GetPayoutBatchQuery,
        DownloadBankFileHandler,
        RecordBankResultsHandler,
        CorrectBankAccountHandler,
        GetPayoutLedgerQuery,
      ],
    };
  }
}

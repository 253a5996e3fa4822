import { Module, type DynamicModule } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import type { Clock } from '@jaring/domain';
import { Idempotency, serviceFoundation } from '@jaring/platform';
import { BackOfficeGuard } from './auth/back-office.guard';
import { BenefitEstimatesHttpController } from './benefit-estimates/benefit-estimates.http.controller';
import type { ClaimsConfig } from './claims.config';
import { AuditTrail } from './claims/audit-trail';
import { ClaimRepository } from './claims/claim.repository';
import { DecisionsHandler } from './decisions/decisions.handler';
import { DecisionsHttpController } from './decisions/decisions.http.controller';
import { CLAIMS_MIGRATIONS } from './migrations';
import { BankResultsHandler } from './payouts/bank-results.handler';
import { ClaimsLedger } from './payouts/claims-ledger';
import { CorrectBankAccountHandler } from './payouts/correct-bank-account.handler';
import { CreateBatchHandler } from './payouts/create-batch.handler';
import { PayoutsHttpController } from './payouts/payouts.http.controller';
import { PayoutsRepository } from './payouts/payouts.repository';
import { ClaimantDataProtector } from './personal-data/claimant-data-protector';
import { ClaimFactsReader } from './read-models/claim-facts.reader';
import { CoverageEventsController } from './read-models/coverage-events.event.controller';
import { WorkerEventsController } from './read-models/worker-events.event.controller';
import { DueClaimsHttpController } from './service-levels/due-claims.http.controller';
import { OverdueClaimsMetrics } from './service-levels/overdue-claims.metrics';
import { ClaimsHttpController } from './submit-claim/claims.http.controller';
import { SubmitClaimHandler } from './submit-claim/submit-claim.handler';

export interface ClaimsModuleOptions {
  /** Tests bring an adjustable clock to walk through service levels; the system clock otherwise. */
  clock?: Clock;
}

@Module({})
export class ClaimsModule {
  static forRoot(config: ClaimsConfig, options: ClaimsModuleOptions = {}): DynamicModule {
    return {
      module: ClaimsModule,
      imports: [
        ...serviceFoundation(config, { entities: [], migrations: CLAIMS_MIGRATIONS, clock: options.clock }),
        JwtModule.register({ secret: config.JWT_SECRET, verifyOptions: { algorithms: ['HS256'] } }),
      ],
      controllers: [
        WorkerEventsController,
        CoverageEventsController,
        DueClaimsHttpController,
        ClaimsHttpController,
        DecisionsHttpController,
        BenefitEstimatesHttpController,
        PayoutsHttpController,
      ],
      providers: [
        Idempotency,
        BackOfficeGuard,
        ClaimantDataProtector,
        ClaimFactsReader,
        ClaimRepository,
        AuditTrail,
        SubmitClaimHandler,
        DecisionsHandler,
        OverdueClaimsMetrics,
        PayoutsRepository,
        ClaimsLedger,
        CreateBatchHandler,
        BankResultsHandler,
        CorrectBankAccountHandler,
      ],
    };
  }
}

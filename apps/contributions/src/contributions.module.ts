import { Module, type DynamicModule } from '@nestjs/common';
import type { Clock } from '@jaring/domain';
import { serviceFoundation } from '@jaring/platform';
import { CoverageUpdater } from './accounts/coverage-updater';
import { ApplyFunderPaymentsEventController } from './apply-funder-payments/apply-funder-payments.event.controller';
import { ApplyFunderPaymentsHandler } from './apply-funder-payments/apply-funder-payments.handler';
import type { ContributionsConfig } from './contributions.config';
import { FollowWorkersEventController } from './follow-workers/follow-workers.event.controller';
import { FollowWorkersHandler } from './follow-workers/follow-workers.handler';
import { GetBillingRunHttpController } from './get-billing-run/get-billing-run.http.controller';
import { GetBillingRunQuery } from './get-billing-run/get-billing-run.query';
import { GetContributionQuoteHttpController } from './get-contribution-quote/get-contribution-quote.http.controller';
import { GetContributionQuoteQuery } from './get-contribution-quote/get-contribution-quote.query';
import { GetCoverageTimelineHttpController } from './get-coverage-timeline/get-coverage-timeline.http.controller';
import { GetCoverageTimelineQuery } from './get-coverage-timeline/get-coverage-timeline.query';
import { GetCoverageHttpController } from './get-coverage/get-coverage.http.controller';
import { GetCoverageQuery } from './get-coverage/get-coverage.query';
import { GetInvoicesHttpController } from './get-invoices/get-invoices.http.controller';
import { GetInvoicesQuery } from './get-invoices/get-invoices.query';
import { GetPaymentsHttpController } from './get-payments/get-payments.http.controller';
import { GetPaymentsQuery } from './get-payments/get-payments.query';
import { GrantSponsorshipEventController } from './grant-sponsorship/grant-sponsorship.event.controller';
import { GrantSponsorshipHandler } from './grant-sponsorship/grant-sponsorship.handler';
import { InvoiceIssuer } from './invoices/invoice-issuer';
import { CONTRIBUTIONS_MIGRATIONS } from './migrations';
import { Settlement } from './payments/settlement';
import { RecordPaymentHttpController } from './record-payment/record-payment.http.controller';
import { GroupedPayments } from './record-payment/grouped-payments';
import { PaymentDecision } from './record-payment/payment-decision';
import { RecordPaymentHandler } from './record-payment/record-payment.handler';
import { RunArrearsHttpController } from './run-arrears/run-arrears.http.controller';
import { RunArrearsHandler } from './run-arrears/run-arrears.handler';
import { RunBillingHttpController } from './run-billing/run-billing.http.controller';
import { RunBillingHandler } from './run-billing/run-billing.handler';
import { ContributionsSchedule } from './schedule/contributions-schedule';
import { RecordDeathEventController } from './record-death/record-death.event.controller';
import { RecordDeathHandler } from './record-death/record-death.handler';
import { ContributionRefunds } from './refunds/contribution-refunds';
import { MonthClosings } from './refunds/month-closings';

export interface ContributionsModuleOptions {
  /** Tests bring an AdjustableClock to walk through months; default the system clock. */
  clock?: Clock;
}

@Module({})
export class ContributionsModule {
  static forRoot(config: ContributionsConfig, options: ContributionsModuleOptions = {}): DynamicModule {
    return {
      module: ContributionsModule,
      imports: [
        ...serviceFoundation(config, { entities: [], migrations: CONTRIBUTIONS_MIGRATIONS, clock: options.clock, idempotency: true }),
      ],
      controllers: [
        GetContributionQuoteHttpController,
        GetInvoicesHttpController,
        RecordPaymentHttpController,
        GetCoverageHttpController,
        GetPaymentsHttpController,
        GetCoverageTimelineHttpController,
        RunBillingHttpController,
        GetBillingRunHttpController,
        RunArrearsHttpController,
        FollowWorkersEventController,
        GrantSponsorshipEventController,
        ApplyFunderPaymentsEventController,
        RecordDeathEventController,
      ],
      providers: [
        InvoiceIssuer,
        CoverageUpdater,
        Settlement,
        FollowWorkersHandler,
        PaymentDecision,
        GroupedPayments,
        RecordPaymentHandler,
        ApplyFunderPaymentsHandler,
        GrantSponsorshipHandler,
        RunBillingHandler,
        GetBillingRunQuery,
        RunArrearsHandler,
        GetInvoicesQuery,
        GetCoverageQuery,
        GetPaymentsQuery,
        GetCoverageTimelineQuery,
        GetContributionQuoteQuery,
        ContributionsSchedule,
        ContributionRefunds,
        MonthClosings,
        RecordDeathHandler,
      ],
    };
  }
}

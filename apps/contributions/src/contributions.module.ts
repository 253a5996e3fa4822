import { Module, type DynamicModule } from '@nestjs/common';
import type { Clock } from '@jaring/domain';
import { Idempotency, serviceFoundation } from '@jaring/platform';
import { AccountsService } from './accounts/accounts.service';
import { WorkerEventsController } from './accounts/worker-events.event.controller';
import { ArrearsHttpController } from './arrears/arrears.http.controller';
import { ArrearsService } from './arrears/arrears.service';
import { BillingRunHttpController } from './billing-run/billing-run.http.controller';
import { BillingRunService } from './billing-run/billing-run.service';
import type { ContributionsConfig } from './contributions.config';
import { CoverageUpdater } from './coverage/coverage-updater';
import { CoverageHttpController } from './coverage/coverage.http.controller';
import { InvoicesHttpController } from './invoices/invoices.http.controller';
import { InvoiceIssuer } from './invoicing/invoice-issuer';
import { CONTRIBUTIONS_MIGRATIONS } from './migrations';
import { PaymentsHttpController } from './payments/payments.http.controller';
import { PaymentsService } from './payments/payments.service';
import { QuotesHttpController } from './quotes/quotes.http.controller';
import { ContributionsSchedule } from './schedule/schedule';
import { Settlement } from './settlement/settlement';
import { FunderPaymentsService } from './sponsorships/funder-payments.service';
import { SponsorshipEventsController } from './sponsorships/sponsorship-events.event.controller';
import { SponsorshipsService } from './sponsorships/sponsorships.service';

export interface ContributionsModuleOptions {
  /** Tests bring an AdjustableClock to walk through months; default the system clock. */
  clock?: Clock;
}

@Module({})
export class ContributionsModule {
  static forRoot(config: ContributionsConfig, options: ContributionsModuleOptions = {}): DynamicModule {
    return {
      module: ContributionsModule,
      imports: [...serviceFoundation(config, { entities: [], migrations: CONTRIBUTIONS_MIGRATIONS, clock: options.clock })],
      controllers: [
        QuotesHttpController,
        InvoicesHttpController,
        PaymentsHttpController,
        CoverageHttpController,
        BillingRunHttpController,
        ArrearsHttpController,
        WorkerEventsController,
        SponsorshipEventsController,
      ],
      providers: [
        Idempotency,
        InvoiceIssuer,
        CoverageUpdater,
        Settlement,
        AccountsService,
        PaymentsService,
        FunderPaymentsService,
        SponsorshipsService,
        BillingRunService,
        ArrearsService,
        ContributionsSchedule,
      ],
    };
  }
}

import { Module, type DynamicModule } from '@nestjs/common';
import type { Clock } from '@jaring/domain';
import { serviceFoundation } from '@jaring/platform';
import { ApiKeysHttpController } from './api-keys/api-keys.http.controller';
import { ApiKeysService } from './api-keys/api-keys.service';
import { ApiKeyGuard } from './auth/api-key.guard';
import { SubsidiesRateLimit } from './auth/rate-limit';
import { InvoiceEventsController } from './authorisations/invoice-events.event.controller';
import { AuthoriseSponsoredInvoices } from './authorisations/authorise-sponsored-invoices.handler';
import { FundersHttpController } from './funders/funders.http.controller';
import { FundersService } from './funders/funders.service';
import { ImpactEventsController } from './impact/impact-events.event.controller';
import { SUBSIDIES_MIGRATIONS } from './migrations';
import { NominateWorkers } from './nominations/nominate-workers.service';
import { NominationsHttpController } from './nominations/nominations.http.controller';
import { ProgrammesHttpController } from './programmes/programmes.http.controller';
import { ProgrammesService } from './programmes/programmes.service';
import { ImpactReportHttpController } from './report/impact-report.http.controller';
import { ImpactReports } from './report/impact-report.service';
import { SponsorshipGranting } from './sponsorships/grant-sponsorship.service';
import { EndSponsorships } from './sponsorships/end-sponsorships';
import { ReleaseDeregisteredWorker } from './sponsorships/release-deregistered-worker.handler';
import { SponsorRegisteredWorkers } from './sponsorships/sponsor-registered-workers.handler';
import type { SubsidiesConfig } from './subsidies.config';
import { FunderNotifications } from './webhooks/funder-notifications';
import { WebhookSender } from './webhooks/webhook-sender';
import { WebhooksHttpController } from './webhooks/webhooks.http.controller';
import { WebhooksService } from './webhooks/webhooks.service';
import { WorkerEventsController } from './workers/worker-events.event.controller';

export interface SubsidiesModuleOptions {
  /** Tests bring an adjustable clock; the service runs on the system clock. */
  clock?: Clock;
}

/**
 * The subsidies service: funders and their partner API, programmes with a double-entry budget,
 * sponsorships granted on enrollment's events and on nominations, payment authorisations for sponsored
 * invoices, signed webhooks and impact reports.
 */
@Module({})
export class SubsidiesModule {
  static forRoot(config: SubsidiesConfig, options: SubsidiesModuleOptions = {}): DynamicModule {
    return {
      module: SubsidiesModule,
      imports: [...serviceFoundation(config, { entities: [], migrations: SUBSIDIES_MIGRATIONS, clock: options.clock, idempotency: true }), SubsidiesRateLimit],
      controllers: [
        FundersHttpController,
        ApiKeysHttpController,
        ProgrammesHttpController,
        NominationsHttpController,
        WorkerEventsController,
        InvoiceEventsController,
        WebhooksHttpController,
        ImpactEventsController,
        ImpactReportHttpController,
      ],
      providers: [
        ApiKeyGuard,
        FundersService,
        ApiKeysService,
        ProgrammesService,
        FunderNotifications,
        SponsorshipGranting,
        SponsorRegisteredWorkers,
        NominateWorkers,
        EndSponsorships,
        ReleaseDeregisteredWorker,
        AuthoriseSponsoredInvoices,
        WebhooksService,
        WebhookSender,
        ImpactReports,
      ],
    };
  }
}

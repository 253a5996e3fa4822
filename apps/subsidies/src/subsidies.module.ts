import { Module, type DynamicModule } from '@nestjs/common';
import type { Clock } from '@jaring/domain';
import { serviceFoundation } from '@jaring/platform';
import { FunderApiKeys } from './auth/funder-api-keys';
import { FunderStaff } from './auth/funder-staff';
import { SubsidiesRateLimit } from './auth/subsidies-rate-limit';
import { AuthoriseSponsoredInvoicesEventController } from './authorise-sponsored-invoices/authorise-sponsored-invoices.event.controller';
import { AuthoriseSponsoredInvoicesHandler } from './authorise-sponsored-invoices/authorise-sponsored-invoices.handler';
import { DisableWebhookHandler } from './disable-webhook/disable-webhook.handler';
import { DisableWebhookHttpController } from './disable-webhook/disable-webhook.http.controller';
import { GetFunderHttpController } from './get-funder/get-funder.http.controller';
import { GetFunderQuery } from './get-funder/get-funder.query';
import { GetImpactReportHttpController } from './get-impact-report/get-impact-report.http.controller';
import { GetImpactReportQuery } from './get-impact-report/get-impact-report.query';
import { GetProgrammeHttpController } from './get-programme/get-programme.http.controller';
import { GetProgrammeQuery } from './get-programme/get-programme.query';
import { IssueApiKeyHandler } from './issue-api-key/issue-api-key.handler';
import { IssueApiKeyHttpController } from './issue-api-key/issue-api-key.http.controller';
import { ListApiKeysHttpController } from './list-api-keys/list-api-keys.http.controller';
import { ListApiKeysQuery } from './list-api-keys/list-api-keys.query';
import { ListFundersHttpController } from './list-funders/list-funders.http.controller';
import { ListFundersQuery } from './list-funders/list-funders.query';
import { ListProgrammesHttpController } from './list-programmes/list-programmes.http.controller';
import { ListProgrammesQuery } from './list-programmes/list-programmes.query';
import { ListWebhooksHttpController } from './list-webhooks/list-webhooks.http.controller';
import { ListWebhooksQuery } from './list-webhooks/list-webhooks.query';
import { SUBSIDIES_MIGRATIONS } from './migrations';
import { NominateWorkersHandler } from './nominate-workers/nominate-workers.handler';
import { NominateWorkersHttpController } from './nominate-workers/nominate-workers.http.controller';
import { OpenProgrammeHandler } from './open-programme/open-programme.handler';
import { OpenProgrammeHttpController } from './open-programme/open-programme.http.controller';
import { RecordImpactEventController } from './record-impact/record-impact.event.controller';
import { RecordImpactHandler } from './record-impact/record-impact.handler';
import { RecordWorkerChangeEventController } from './record-worker-change/record-worker-change.event.controller';
import { RecordWorkerChangeHandler } from './record-worker-change/record-worker-change.handler';
import { RegisterFunderHandler } from './register-funder/register-funder.handler';
import { RegisterFunderHttpController } from './register-funder/register-funder.http.controller';
import { RegisterWebhookHandler } from './register-webhook/register-webhook.handler';
import { RegisterWebhookHttpController } from './register-webhook/register-webhook.http.controller';
import { CreditSponsorRefundsEventController } from './credit-sponsor-refunds/credit-sponsor-refunds.event.controller';
import { CreditSponsorRefundsHandler } from './credit-sponsor-refunds/credit-sponsor-refunds.handler';
import { ReleaseDeceasedWorkerEventController } from './release-deceased-worker/release-deceased-worker.event.controller';
import { ReleaseDeceasedWorkerHandler } from './release-deceased-worker/release-deceased-worker.handler';
import { ReleaseDeregisteredWorkerEventController } from './release-deregistered-worker/release-deregistered-worker.event.controller';
import { ReleaseDeregisteredWorkerHandler } from './release-deregistered-worker/release-deregistered-worker.handler';
import { RevokeApiKeyHandler } from './revoke-api-key/revoke-api-key.handler';
import { RevokeApiKeyHttpController } from './revoke-api-key/revoke-api-key.http.controller';
import { SponsorRegisteredWorkersEventController } from './sponsor-registered-workers/sponsor-registered-workers.event.controller';
import { SponsorRegisteredWorkersHandler } from './sponsor-registered-workers/sponsor-registered-workers.handler';
import { EndSponsorships } from './sponsorships/end-sponsorships';
import { SponsorshipGranting } from './sponsorships/sponsorship-granting';
import type { SubsidiesConfig } from './subsidies.config';
import { FunderNotifications } from './webhooks/funder-notifications';
import { WebhookSender } from './webhooks/webhook-sender';

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
      imports: [
        ...serviceFoundation(config, {
          entities: [],
          migrations: SUBSIDIES_MIGRATIONS,
          clock: options.clock,
          idempotency: true,
          // funders' machines sign in with their API keys; everyone else with the identity provider's tokens,
          // a funder's staff with a token naming their funder
          apiKeys: FunderApiKeys,
          tokenHolders: FunderStaff,
        }),
        SubsidiesRateLimit,
      ],
      controllers: [
        RegisterFunderHttpController,
        ListFundersHttpController,
        GetFunderHttpController,
        IssueApiKeyHttpController,
        ListApiKeysHttpController,
        RevokeApiKeyHttpController,
        OpenProgrammeHttpController,
        ListProgrammesHttpController,
        GetProgrammeHttpController,
        NominateWorkersHttpController,
        SponsorRegisteredWorkersEventController,
        RecordWorkerChangeEventController,
        ReleaseDeregisteredWorkerEventController,
        ReleaseDeceasedWorkerEventController,
        CreditSponsorRefundsEventController,
        AuthoriseSponsoredInvoicesEventController,
        RegisterWebhookHttpController,
        ListWebhooksHttpController,
        DisableWebhookHttpController,
        RecordImpactEventController,
        GetImpactReportHttpController,
      ],
      providers: [
        RegisterFunderHandler,
        ListFundersQuery,
        GetFunderQuery,
        IssueApiKeyHandler,
        ListApiKeysQuery,
        RevokeApiKeyHandler,
        OpenProgrammeHandler,
        ListProgrammesQuery,
        GetProgrammeQuery,
        FunderNotifications,
        SponsorshipGranting,
        SponsorRegisteredWorkersHandler,
        RecordWorkerChangeHandler,
        NominateWorkersHandler,
        EndSponsorships,
        ReleaseDeregisteredWorkerHandler,
        ReleaseDeceasedWorkerHandler,
        CreditSponsorRefundsHandler,
        AuthoriseSponsoredInvoicesHandler,
        RegisterWebhookHandler,
        ListWebhooksQuery,
        DisableWebhookHandler,
        WebhookSender,
        RecordImpactHandler,
        GetImpactReportQuery,
      ],
    };
  }
}

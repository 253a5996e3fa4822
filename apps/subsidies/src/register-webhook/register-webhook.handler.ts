import { randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { UseCaseError } from '@jaring/domain';
import { SERVICE_CONFIG, rowsOf, type Actor } from '@jaring/platform';
import { assertFunderExists } from '../funders/assert-funder-exists';
import { toWebhookDto, WEBHOOK_ENDPOINT_COLUMNS, type WebhookEndpointRow } from '../webhooks/webhook-endpoint-row';
import { refusedWebhookUrl, webhookDestinationRules } from '../webhooks/webhook-destination';
import type { SubsidiesConfig } from '../subsidies.config';
import type { CreatedWebhookDto, CreateWebhookDto } from './register-webhook.dto';

@Injectable()
export class RegisterWebhookHandler {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(SERVICE_CONFIG) private readonly config: SubsidiesConfig,
  ) {}

  /**
   * A Standard Webhooks secret: `whsec_` and 24 random bytes in base64, shown once. The URL's host must be, or
   * resolve only to, public addresses (and in production the URL must be https): a 400 naming `url` otherwise.
   */
  async handle(funderId: string, input: CreateWebhookDto, actor: Actor): Promise<CreatedWebhookDto> {
    await assertFunderExists(this.dataSource.manager, funderId);
    const refused = await refusedWebhookUrl(input.url, webhookDestinationRules(this.config));
    if (refused) throw UseCaseError.invalidFields([{ field: 'url', reason: refused }]);
    const secret = `whsec_${randomBytes(24).toString('base64')}`;
    const [row] = await rowsOf<WebhookEndpointRow>(
      this.dataSource.manager,
      `INSERT INTO webhook_endpoints (id, funder_id, url, events, secret, registered_by_subject, registered_by_client)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${WEBHOOK_ENDPOINT_COLUMNS}`,
      [randomUUID(), funderId, input.url, input.events ? [...new Set(input.events)] : null, secret, actor.subject, actor.clientId],
    );
    return { ...toWebhookDto(row), secret };
  }
}

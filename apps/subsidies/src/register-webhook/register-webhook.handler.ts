import { randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { rowsOf } from '@jaring/platform';
import { assertFunderExists } from '../funders/assert-funder-exists';
import { toWebhookDto, WEBHOOK_ENDPOINT_COLUMNS, type WebhookEndpointRow } from '../webhooks/webhook-endpoint-row';
import type { CreatedWebhookDto, CreateWebhookDto } from './register-webhook.dto';

@Injectable()
export class RegisterWebhookHandler {
  constructor(private readonly dataSource: DataSource) {}

  /** A Standard Webhooks secret: `whsec_` and 24 random bytes in base64, shown once. */
  async handle(funderId: string, input: CreateWebhookDto): Promise<CreatedWebhookDto> {
    await assertFunderExists(this.dataSource.manager, funderId);
    const secret = `whsec_${randomBytes(24).toString('base64')}`;
    const [row] = await rowsOf<WebhookEndpointRow>(
      this.dataSource.manager,
      `INSERT INTO webhook_endpoints (id, funder_id, url, events, secret) VALUES ($1, $2, $3, $4, $5) RETURNING ${WEBHOOK_ENDPOINT_COLUMNS}`,
      [randomUUID(), funderId, input.url, input.events ? [...new Set(input.events)] : null, secret],
    );
    return { ...toWebhookDto(row), secret };
  }
}

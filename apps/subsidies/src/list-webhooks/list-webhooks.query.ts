import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { rowsOf } from '@jaring/platform';
import { assertFunderExists } from '../funders/assert-funder-exists';
import { toWebhookDto, WEBHOOK_ENDPOINT_COLUMNS, type WebhookEndpointRow } from '../webhooks/webhook-endpoint-row';
import type { WebhookListDto } from './list-webhooks.dto';

/** A funder's webhooks, never their secrets. */
@Injectable()
export class ListWebhooksQuery {
  constructor(private readonly dataSource: DataSource) {}

  async list(funderId: string): Promise<WebhookListDto> {
    await assertFunderExists(this.dataSource.manager, funderId);
    const rows = await rowsOf<WebhookEndpointRow>(
      this.dataSource.manager,
      `SELECT ${WEBHOOK_ENDPOINT_COLUMNS} FROM webhook_endpoints WHERE funder_id = $1 ORDER BY created_at, id`,
      [funderId],
    );
    return { items: rows.map(toWebhookDto), total: rows.length };
  }
}

import { randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Problem, rowsOf } from '@jaring/platform';
import type { CreatedWebhookDto, CreateWebhookDto, WebhookDto, WebhookListDto } from './webhook.dto';
import { WEBHOOK_EVENT_TYPES } from './funder-notifications';

interface EndpointRow {
  id: string;
  funder_id: string;
  url: string;
  events: string[] | null;
  created_at: Date;
  disabled_at: Date | null;
}

function toDto(row: EndpointRow): WebhookDto {
  return {
    id: row.id,
    funderId: row.funder_id,
    url: row.url,
    events: row.events ?? [...WEBHOOK_EVENT_TYPES],
    createdAt: row.created_at.toISOString(),
    disabledAt: row.disabled_at?.toISOString() ?? null,
  };
}

@Injectable()
export class WebhooksService {
  constructor(private readonly dataSource: DataSource) {}

  /** A Standard Webhooks secret: `whsec_` and 24 random bytes in base64, shown once. */
  async create(funderId: string, input: CreateWebhookDto): Promise<CreatedWebhookDto> {
    await this.assertFunderExists(funderId);
    const secret = `whsec_${randomBytes(24).toString('base64')}`;
    const [row] = await rowsOf<EndpointRow>(
      this.dataSource.manager,
      'INSERT INTO webhook_endpoints (id, funder_id, url, events, secret) VALUES ($1, $2, $3, $4, $5) RETURNING id, funder_id, url, events, created_at, disabled_at',
      [randomUUID(), funderId, input.url, input.events ? [...new Set(input.events)] : null, secret],
    );
    return { ...toDto(row), secret };
  }

  async list(funderId: string): Promise<WebhookListDto> {
    await this.assertFunderExists(funderId);
    const rows = await rowsOf<EndpointRow>(
      this.dataSource.manager,
      'SELECT id, funder_id, url, events, created_at, disabled_at FROM webhook_endpoints WHERE funder_id = $1 ORDER BY created_at, id',
      [funderId],
    );
    return { items: rows.map(toDto), total: rows.length };
  }

  /** Stops deliveries to the endpoint, including the ones still queued. */
  async disable(funderId: string, webhookId: string): Promise<void> {
    const rows = await rowsOf(
      this.dataSource.manager,
      'UPDATE webhook_endpoints SET disabled_at = COALESCE(disabled_at, now()) WHERE id = $1 AND funder_id = $2 RETURNING id',
      [webhookId, funderId],
    );
    if (!rows.length) throw Problem.notFound(`funder ${funderId} has no webhook ${webhookId}`);
  }

  private async assertFunderExists(funderId: string): Promise<void> {
    const rows = (await this.dataSource.query('SELECT 1 FROM funders WHERE id = $1', [funderId])) as unknown[];
    if (!rows.length) throw Problem.notFound(`no funder ${funderId}`);
  }
}

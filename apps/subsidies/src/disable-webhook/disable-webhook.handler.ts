import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { UseCaseError } from '@jaring/domain';
import { rowsOf } from '@jaring/platform';

@Injectable()
export class DisableWebhookHandler {
  constructor(private readonly dataSource: DataSource) {}

  /** Stops deliveries to the endpoint, including the ones still queued. */
  async handle(funderId: string, webhookId: string): Promise<void> {
    const rows = await rowsOf(
      this.dataSource.manager,
      'UPDATE webhook_endpoints SET disabled_at = COALESCE(disabled_at, now()) WHERE id = $1 AND funder_id = $2 RETURNING id',
      [webhookId, funderId],
    );
    if (!rows.length) throw UseCaseError.notFound(`funder ${funderId} has no webhook ${webhookId}`);
  }
}

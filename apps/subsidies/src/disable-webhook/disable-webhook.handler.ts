import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { UseCaseError } from '@jaring/domain';
import { rowsOf, type Actor } from '@jaring/platform';

/** Why a delivery queued for an endpoint was given up when the endpoint was disabled. */
export const ENDPOINT_DISABLED = 'endpoint disabled';

@Injectable()
export class DisableWebhookHandler {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Stops deliveries to the endpoint, including the ones still queued: in the same statement as the
   * endpoint is disabled, its deliveries not yet delivered are marked failed ('endpoint disabled'), so
   * they are recorded as not delivered rather than left due forever (the sender never posts to a
   * disabled endpoint). Disabling again changes nothing more: the first disable, and who made it, stand.
   */
  async handle(funderId: string, webhookId: string, actor: Actor): Promise<void> {
    const rows = await rowsOf(
      this.dataSource.manager,
      `WITH endpoint AS (
         UPDATE webhook_endpoints SET disabled_at = COALESCE(disabled_at, now()),
           disabled_by_subject = CASE WHEN disabled_at IS NULL THEN $4 ELSE disabled_by_subject END,
           disabled_by_client = CASE WHEN disabled_at IS NULL THEN $5 ELSE disabled_by_client END
         WHERE id = $1 AND funder_id = $2 RETURNING id
       ), abandoned AS (
         UPDATE webhook_deliveries d SET failed_at = now(), last_error = $3
         FROM endpoint WHERE d.endpoint_id = endpoint.id AND d.delivered_at IS NULL AND d.failed_at IS NULL
       )
       SELECT id FROM endpoint`,
      [webhookId, funderId, ENDPOINT_DISABLED, actor.subject, actor.clientId],
    );
    if (!rows.length) throw UseCaseError.notFound(`funder ${funderId} has no webhook ${webhookId}`);
  }
}

import { WEBHOOK_EVENT_TYPES } from './funder-notifications';
import type { WebhookDto } from './webhook.dto';

/** A webhook_endpoints row as node-pg returns it, without its secret. */
export interface WebhookEndpointRow {
  id: string;
  funder_id: string;
  url: string;
  events: string[] | null;
  created_at: Date;
  disabled_at: Date | null;
}

export const WEBHOOK_ENDPOINT_COLUMNS = 'id, funder_id, url, events, created_at, disabled_at';

export function toWebhookDto(row: WebhookEndpointRow): WebhookDto {
  return {
    id: row.id,
    funderId: row.funder_id,
    url: row.url,
    events: row.events ?? [...WEBHOOK_EVENT_TYPES],
    createdAt: row.created_at.toISOString(),
    disabledAt: row.disabled_at?.toISOString() ?? null,
  };
}

import type { ApiKeyDto } from './api-key.dto';

/** An api_keys row as node-pg returns it (the hash is never read back). */
export interface ApiKeyRow {
  id: string;
  funder_id: string;
  prefix: string;
  name: string | null;
  created_at: Date;
  revoked_at: Date | null;
}

export function toApiKeyDto(row: ApiKeyRow): ApiKeyDto {
  return {
    id: row.id,
    funderId: row.funder_id,
    prefix: row.prefix,
    name: row.name,
    createdAt: row.created_at.toISOString(),
    revokedAt: row.revoked_at?.toISOString() ?? null,
  };
}

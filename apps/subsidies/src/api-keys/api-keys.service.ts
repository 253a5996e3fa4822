import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Problem, rowsOf } from '@jaring/platform';
import { hashApiKey, KEY_PREFIX_LENGTH, newApiKey } from '../auth/api-key-secret';
import type { ApiKeyDto, ApiKeyListDto, CreatedApiKeyDto } from './api-key.dto';

interface ApiKeyRow {
  id: string;
  funder_id: string;
  prefix: string;
  name: string | null;
  created_at: Date;
  revoked_at: Date | null;
}

function toDto(row: ApiKeyRow): ApiKeyDto {
  return {
    id: row.id,
    funderId: row.funder_id,
    prefix: row.prefix,
    name: row.name,
    createdAt: row.created_at.toISOString(),
    revokedAt: row.revoked_at?.toISOString() ?? null,
  };
}

@Injectable()
export class ApiKeysService {
  constructor(private readonly dataSource: DataSource) {}

  /** A new key for a funder. The key is returned once; only its SHA-256 is stored. */
  async create(funderId: string, name: string | undefined): Promise<CreatedApiKeyDto> {
    await this.assertFunderExists(funderId);
    const key = newApiKey();
    const [row] = (await this.dataSource.query(
      'INSERT INTO api_keys (id, funder_id, key_hash, prefix, name) VALUES ($1, $2, $3, $4, $5) RETURNING *',
      [randomUUID(), funderId, hashApiKey(key), key.slice(0, KEY_PREFIX_LENGTH), name ?? null],
    )) as ApiKeyRow[];
    return { ...toDto(row), key };
  }

  async list(funderId: string): Promise<ApiKeyListDto> {
    await this.assertFunderExists(funderId);
    const rows = (await this.dataSource.query('SELECT * FROM api_keys WHERE funder_id = $1 ORDER BY created_at, id', [
      funderId,
    ])) as ApiKeyRow[];
    return { items: rows.map(toDto), total: rows.length };
  }

  /** Revoking is immediate (the guard looks keys up on every request) and cannot be undone. */
  async revoke(funderId: string, keyId: string): Promise<void> {
    const rows = await rowsOf(
      this.dataSource.manager,
      'UPDATE api_keys SET revoked_at = COALESCE(revoked_at, now()) WHERE id = $1 AND funder_id = $2 RETURNING id',
      [keyId, funderId],
    );
    if (!rows.length) throw Problem.notFound(`funder ${funderId} has no API key ${keyId}`);
  }

  private async assertFunderExists(funderId: string): Promise<void> {
    const rows = (await this.dataSource.query('SELECT 1 FROM funders WHERE id = $1', [funderId])) as unknown[];
    if (!rows.length) throw Problem.notFound(`no funder ${funderId}`);
  }
}

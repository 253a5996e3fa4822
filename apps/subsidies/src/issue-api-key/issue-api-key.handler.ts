import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { rowsOf, type Actor } from '@jaring/platform';
import { toApiKeyDto, type ApiKeyRow } from '../api-keys/api-key-row';
import { hashApiKey, KEY_PREFIX_LENGTH, newApiKey } from '../auth/api-key-secret';
import { assertFunderExists } from '../funders/assert-funder-exists';
import type { CreatedApiKeyDto } from './issue-api-key.dto';

@Injectable()
export class IssueApiKeyHandler {
  constructor(private readonly dataSource: DataSource) {}

  /** A new key for a funder. The key is returned once; only its SHA-256 is stored. */
  async handle(funderId: string, name: string | undefined, actor: Actor): Promise<CreatedApiKeyDto> {
    await assertFunderExists(this.dataSource.manager, funderId);
    const key = newApiKey();
    const [row] = await rowsOf<ApiKeyRow>(
      this.dataSource.manager,
      `INSERT INTO api_keys (id, funder_id, key_hash, prefix, name, issued_by_subject, issued_by_client)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
      [randomUUID(), funderId, hashApiKey(key), key.slice(0, KEY_PREFIX_LENGTH), name ?? null, actor.subject, actor.clientId],
    );
    return { ...toApiKeyDto(row), key };
  }
}

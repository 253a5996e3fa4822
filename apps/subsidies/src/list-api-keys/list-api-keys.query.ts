import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { rowsOf } from '@jaring/platform';
import { toApiKeyDto, type ApiKeyRow } from '../api-keys/api-key-row';
import { assertFunderExists } from '../funders/assert-funder-exists';
import type { ApiKeyListDto } from './list-api-keys.dto';

/** A funder's keys: their prefixes, never the keys (only their hashes are kept). */
@Injectable()
export class ListApiKeysQuery {
  constructor(private readonly dataSource: DataSource) {}

  async list(funderId: string): Promise<ApiKeyListDto> {
    await assertFunderExists(this.dataSource.manager, funderId);
    const rows = await rowsOf<ApiKeyRow>(this.dataSource.manager, 'SELECT * FROM api_keys WHERE funder_id = $1 ORDER BY created_at, id', [
      funderId,
    ]);
    return { items: rows.map(toApiKeyDto), total: rows.length };
  }
}

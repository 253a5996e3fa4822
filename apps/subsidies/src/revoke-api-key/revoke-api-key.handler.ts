import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { UseCaseError } from '@jaring/domain';
import { rowsOf } from '@jaring/platform';

@Injectable()
export class RevokeApiKeyHandler {
  constructor(private readonly dataSource: DataSource) {}

  /** Revoking is immediate (the guard looks keys up on every request) and cannot be undone. */
  async handle(funderId: string, keyId: string): Promise<void> {
    const rows = await rowsOf(
      this.dataSource.manager,
      'UPDATE api_keys SET revoked_at = COALESCE(revoked_at, now()) WHERE id = $1 AND funder_id = $2 RETURNING id',
      [keyId, funderId],
    );
    if (!rows.length) throw UseCaseError.notFound(`funder ${funderId} has no API key ${keyId}`);
  }
}

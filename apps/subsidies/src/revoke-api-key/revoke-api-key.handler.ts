import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { UseCaseError } from '@jaring/domain';
import { rowsOf, type Actor } from '@jaring/platform';

@Injectable()
export class RevokeApiKeyHandler {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Revoking is immediate (keys are looked up on every request) and cannot be undone. Revoking again changes
   * nothing: the first revocation, and who made it, stand.
   */
  async handle(funderId: string, keyId: string, actor: Actor): Promise<void> {
    const rows = await rowsOf(
      this.dataSource.manager,
      `UPDATE api_keys SET revoked_at = COALESCE(revoked_at, now()),
         revoked_by_subject = CASE WHEN revoked_at IS NULL THEN $3 ELSE revoked_by_subject END,
         revoked_by_client = CASE WHEN revoked_at IS NULL THEN $4 ELSE revoked_by_client END
       WHERE id = $1 AND funder_id = $2 RETURNING id`,
      [keyId, funderId, actor.subject, actor.clientId],
    );
    if (!rows.length) throw UseCaseError.notFound(`funder ${funderId} has no API key ${keyId}`);
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { funderClientId, rowsOf, type ApiKeyResolver, type Caller } from '@jaring/platform';
import { hashApiKey } from './api-key-secret';

/**
 * Funders' sign-in: the platform's access guard hands it the key a request presents (`X-Api-Key`, or a
 * bearer value that is not a JWT), and it answers with the funder the key belongs to, or nothing for an
 * unknown or revoked key (then a 401). Looked up on every request, by hash, so a revocation holds at once.
 */
@Injectable()
export class FunderApiKeys implements ApiKeyResolver {
  constructor(private readonly dataSource: DataSource) {}

  async resolve(key: string): Promise<Caller | undefined> {
    const [row] = await rowsOf<{ id: string; funder_id: string }>(
      this.dataSource.manager,
      'SELECT id, funder_id FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL',
      [hashApiKey(key)],
    );
    return row ? funderCaller(row.id, row.funder_id) : undefined;
  }
}

/**
 * A funder's key as a caller: the key is the subject (each key its own, for the audit trail and the rate
 * limit), the funder the client (its `Idempotency-Key`s are the funder's, whichever of its keys sends them).
 */
export function funderCaller(keyId: string, funderId: string): Caller {
  return { subject: `api-key:${keyId}`, clientId: funderClientId(funderId), roles: ['funder'], regions: [], funderId };
}

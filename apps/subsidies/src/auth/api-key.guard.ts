import { Inject, Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { Problem, SERVICE_CONFIG } from '@jaring/platform';
import type { SubsidiesConfig } from '../subsidies.config';
import { hashApiKey, presentedKey, sameSecret } from './api-key-secret';
import type { AuthenticatedRequest, Principal } from './principal';

const ADMIN_ONLY = 'subsidies:admin-only';

/** Marks a route only the operator (the admin key) may call. */
export const AdminOnly = () => SetMetadata(ADMIN_ONLY, true);

/**
 * Turns the presented API key into a Principal: the admin key from configuration, or a funder's key that
 * is not revoked (looked up by its hash). No key or an unknown one is a 401; a partner on an admin route a 403.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reflector: Reflector,
    @Inject(SERVICE_CONFIG) private readonly config: SubsidiesConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest & { headers: Record<string, string | string[] | undefined> }>();
    const key = presentedKey(request.headers);
    if (!key) throw Problem.unauthorized('an API key is required: send it as X-Api-Key or Authorization: Bearer');
    const principal = await this.identify(key);
    if (!principal) throw Problem.unauthorized('the API key is unknown or revoked');
    const adminOnly = this.reflector.getAllAndOverride<boolean>(ADMIN_ONLY, [context.getHandler(), context.getClass()]);
    if (adminOnly && principal.kind !== 'admin') throw Problem.forbidden('only the operator (the admin key) may do this');
    request.principal = principal;
    return true;
  }

  private async identify(key: string): Promise<Principal | undefined> {
    if (this.config.ADMIN_API_KEY && sameSecret(key, this.config.ADMIN_API_KEY)) return { kind: 'admin' };
    const [row] = await this.dataSource.query<Array<{ id: string; funder_id: string }>>(
      'SELECT id, funder_id FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL',
      [hashApiKey(key)],
    );
    return row ? { kind: 'partner', funderId: row.funder_id, keyId: row.id } : undefined;
  }
}

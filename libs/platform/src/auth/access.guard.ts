import { Inject, Injectable, Optional, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Problem, problemType } from '../http/problem';
import { ACCESS_POLICY, CALLER_PROPERTY, type AccessPolicy } from './access-policy';
import { API_KEY_RESOLVER, type ApiKeyResolver } from './api-key-resolver';
import { hasRole, type Caller } from './caller';
import { TOKEN_HOLDER_RESOLVER, type TokenHolderResolver } from './token-holder-resolver';
import { InvalidToken, TokenVerifier, VerifierUnavailable } from './token-verifier';

interface HttpRequestLike {
  headers: Record<string, string | string[] | undefined>;
  [CALLER_PROPERTY]?: Caller;
}

/**
 * Every HTTP route of every service goes through here first, before any pipe, handler or query: deny by
 * default. A route without a declared policy is refused (403 `no-access-policy`); a public route lets
 * anyone in; any other needs credentials (401 `unauthorized` without them or with bad ones) and one of the
 * route's roles (403 `forbidden-role`). A service that knows more about a token's holder (subsidies: the funder
 * a funder's staff work for) completes the caller then, or refuses it. Kafka handlers are not HTTP and are not
 * checked here.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenVerifier,
    @Optional() @Inject(API_KEY_RESOLVER) private readonly apiKeys?: ApiKeyResolver,
    @Optional() @Inject(TOKEN_HOLDER_RESOLVER) private readonly tokenHolders?: TokenHolderResolver,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const policy = this.reflector.getAllAndOverride<AccessPolicy | undefined>(ACCESS_POLICY, [context.getHandler(), context.getClass()]);
    if (!policy) {
      throw Problem.forbidden('this route declares no access policy, so nobody may call it', { type: problemType('no-access-policy') });
    }
    if (policy.public) return true;
    const request = context.switchToHttp().getRequest<HttpRequestLike>();
    const { caller, byToken } = await this.identify(request.headers);
    if (!hasRole(caller, ...policy.roles)) {
      throw Problem.forbidden(`this needs the role ${policy.roles.join(' or ')}`, { type: problemType('forbidden-role') });
    }
    request[CALLER_PROPERTY] = byToken && this.tokenHolders ? await this.tokenHolders.resolve(caller) : caller;
    return true;
  }

  private async identify(headers: HttpRequestLike['headers']): Promise<{ caller: Caller; byToken: boolean }> {
    const bearer = /^Bearer\s+(\S+)$/i.exec(single(headers.authorization) ?? '')?.[1];
    const apiKey = single(headers['x-api-key']);
    if (bearer && looksLikeJwt(bearer)) return { caller: await this.verifyToken(bearer), byToken: true };
    const key = apiKey ?? bearer;
    if (key && this.apiKeys) {
      const caller = await this.apiKeys.resolve(key);
      if (!caller) throw unauthorized('the API key is unknown or revoked');
      return { caller, byToken: false };
    }
    if (key) throw unauthorized('the bearer token is not a JWT from the identity provider');
    throw unauthorized('sign in: send an access token from the identity provider as Authorization: Bearer <token>');
  }

  private async verifyToken(token: string): Promise<Caller> {
    try {
      return await this.tokens.verify(token);
    } catch (error) {
      if (error instanceof InvalidToken) throw unauthorized(error.message);
      if (error instanceof VerifierUnavailable) {
        throw Problem.serviceUnavailable('the identity provider cannot be reached to check the token; try again', {
          type: problemType('identity-provider-unavailable'),
        });
      }
      throw error;
    }
  }
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function looksLikeJwt(token: string): boolean {
  return /^[\w-]+\.[\w-]*\.[\w-]*$/.test(token);
}

function unauthorized(detail: string): Problem {
  return Problem.unauthorized(detail, { type: problemType('unauthorized') });
}

import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { Problem, problemType } from '@jaring/platform';
import { BACK_OFFICE_ROLES, type BackOfficeRole, type BackOfficeTokenClaims, type BackOfficeUser } from './back-office-user';

export const ROLES_METADATA = 'claims:roles';
export const USER_PROPERTY = 'backOfficeUser';

/**
 * Back-office sign-in: a JWT bearer token (HS256, `JWT_SECRET`) carrying `sub` and `roles`. No or a bad
 * token is a 401; a valid token without one of the endpoint's roles is a 403. The user is put on the
 * request for `@CurrentUser()`.
 */
@Injectable()
export class BackOfficeGuard implements CanActivate {
  constructor(
    private readonly jwt: JwtService,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const allowed =
      this.reflector.getAllAndOverride<BackOfficeRole[] | undefined>(ROLES_METADATA, [context.getHandler(), context.getClass()]) ?? [];
    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; [USER_PROPERTY]?: BackOfficeUser }>();
    const user = await this.authenticate(request.headers.authorization);
    if (!user.roles.some((role) => allowed.includes(role))) {
      throw Problem.forbidden(`this needs the role ${allowed.join(' or ')}`, { type: problemType('forbidden-role') });
    }
    request[USER_PROPERTY] = user;
    return true;
  }

  private async authenticate(header: string | undefined): Promise<BackOfficeUser> {
    const token = /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
    if (!token) throw unauthorized('sign in: send a back-office token as Authorization: Bearer <token>');
    let claims: BackOfficeTokenClaims;
    try {
      claims = await this.jwt.verifyAsync<BackOfficeTokenClaims>(token, { algorithms: ['HS256'] });
    } catch {
      throw unauthorized('the token is invalid or expired');
    }
    if (typeof claims.sub !== 'string' || !claims.sub || !Array.isArray(claims.roles))
      throw unauthorized('the token has no subject or roles');
    const roles = claims.roles.filter((role): role is BackOfficeRole => (BACK_OFFICE_ROLES as readonly string[]).includes(role));
    return { id: claims.sub, roles };
  }
}

function unauthorized(detail: string): Problem {
  return Problem.unauthorized(detail, { type: problemType('unauthorized') });
}

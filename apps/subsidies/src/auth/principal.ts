import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { Problem } from '@jaring/platform';

/**
 * Who is calling: the operator (the admin key from configuration) or a funder's partner, through one of
 * the funder's API keys. A partner sees and changes only its own funder's resources.
 */
export type Principal = { kind: 'admin' } | { kind: 'partner'; funderId: string; keyId: string };

export interface AuthenticatedRequest {
  principal?: Principal;
}

/** `@CurrentPrincipal() principal: Principal` in a handler behind the API key guard. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw Problem.unauthorized('an API key is required');
  return principal;
});

/** Throws 403 unless the caller is the operator or a partner of this very funder. */
export function assertActsFor(principal: Principal, funderId: string): void {
  if (principal.kind === 'admin' || principal.funderId === funderId) return;
  throw Problem.forbidden("this API key belongs to another funder: it sees and changes only its own funder's resources");
}

export function isAdmin(principal: Principal): boolean {
  return principal.kind === 'admin';
}

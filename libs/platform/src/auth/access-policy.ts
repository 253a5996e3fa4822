import { applyDecorators, createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse, ApiSecurity } from '@nestjs/swagger';
import { ProblemDetailsDto } from '../openapi/problem-details.dto';
import type { Caller } from './caller';
import type { Role } from './roles';

/** Who may call a route: anyone, or a caller holding one of some roles. Every route declares one. */
export type AccessPolicy = { public: true } | { public: false; roles: readonly Role[] };

export const ACCESS_POLICY = 'jaring:access-policy';
/** Where the guard puts the caller on the request. */
export const CALLER_PROPERTY = 'caller';

/** The route needs no credentials (quotes, estimates, health). */
export function Public(): MethodDecorator & ClassDecorator {
  return SetMetadata(ACCESS_POLICY, { public: true } satisfies AccessPolicy);
}

/**
 * The route is for callers holding one of these roles: a bearer token from the OpenID provider or, where
 * `funder` is allowed, a funder's API key. No or a bad credential is a 401, a caller without the role a 403,
 * and neither reads nor writes anything.
 */
export function Allow(...roles: [Role, ...Role[]]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(ACCESS_POLICY, { public: false, roles } satisfies AccessPolicy),
    ApiBearerAuth(),
    ...(roles.includes('funder') ? [ApiSecurity('api-key')] : []),
    ApiResponse({ status: 401, description: 'no credentials, or a bad or expired token', type: ProblemDetailsDto }),
    ApiResponse({ status: 403, description: `needs the role ${roles.join(' or ')}`, type: ProblemDetailsDto }),
  );
}

/** The caller the guard identified (on routes with `@Allow`). */
export const CurrentCaller = createParamDecorator((_data: unknown, context: ExecutionContext): Caller => {
  const caller = context.switchToHttp().getRequest<{ [CALLER_PROPERTY]?: Caller }>()[CALLER_PROPERTY];
  if (!caller) throw new Error('@CurrentCaller() on a route without @Allow(...)');
  return caller;
});

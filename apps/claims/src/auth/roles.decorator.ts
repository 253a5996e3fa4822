import { applyDecorators, createParamDecorator, SetMetadata, UseGuards, type ExecutionContext } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse } from '@nestjs/swagger';
import { ProblemDetailsDto } from '@jaring/platform';
import { BackOfficeGuard, ROLES_METADATA, USER_PROPERTY } from './back-office.guard';
import type { BackOfficeRole, BackOfficeUser } from './back-office-user';

/** The endpoint is for back-office users holding one of these roles (JWT bearer). */
export function Roles(...roles: BackOfficeRole[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(ROLES_METADATA, roles),
    UseGuards(BackOfficeGuard),
    ApiBearerAuth(),
    ApiResponse({ status: 401, description: 'No valid back-office token', type: ProblemDetailsDto }),
    ApiResponse({ status: 403, description: `Needs the role ${roles.join(' or ')}`, type: ProblemDetailsDto }),
  );
}

/** The signed-in back-office user (on endpoints guarded by `@Roles`). */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): BackOfficeUser => {
  return context.switchToHttp().getRequest<{ [USER_PROPERTY]: BackOfficeUser }>()[USER_PROPERTY];
});

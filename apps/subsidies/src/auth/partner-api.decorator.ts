import { applyDecorators, UseGuards } from '@nestjs/common';
import { ApiHeader, ApiResponse } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { ProblemDetailsDto } from '@jaring/platform';
import { ApiKeyGuard } from './api-key.guard';

/**
 * A controller of the partner API: rate-limited per key first (so floods of bad keys are limited too),
 * then authenticated by API key.
 */
export function PartnerApi(): ClassDecorator & MethodDecorator {
  return applyDecorators(
    UseGuards(ThrottlerGuard, ApiKeyGuard),
    ApiHeader({ name: 'X-Api-Key', required: false, description: 'The API key (or send it as Authorization: Bearer <key>)' }),
    ApiResponse({ status: 401, description: 'no API key, or an unknown or revoked one', type: ProblemDetailsDto }),
    ApiResponse({ status: 403, description: "another funder's resource, or an operator-only action", type: ProblemDetailsDto }),
    ApiResponse({ status: 429, description: 'too many requests for this API key', type: ProblemDetailsDto }),
  );
}

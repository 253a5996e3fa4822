import { applyDecorators } from '@nestjs/common';
import { ApiHeader, ApiResponse } from '@nestjs/swagger';
import { ProblemDetailsDto } from '../openapi/problem-details.dto';

/** Documents the `Idempotency-Key` header and its answers on an endpoint that requires it. */
export function ApiIdempotencyKey(): MethodDecorator {
  return applyDecorators(
    ApiHeader({
      name: 'Idempotency-Key',
      required: true,
      description: 'A unique value per operation (e.g. a UUID). The same key with the same request replays the first answer.',
    }),
    ApiResponse({ status: 400, description: 'Idempotency-Key missing or malformed, or invalid input', type: ProblemDetailsDto }),
    ApiResponse({ status: 409, description: 'A request with this key is still being processed', type: ProblemDetailsDto }),
    ApiResponse({
      status: 422,
      description: 'This key was used for a different request, or the request breaks a business rule',
      type: ProblemDetailsDto,
    }),
  );
}

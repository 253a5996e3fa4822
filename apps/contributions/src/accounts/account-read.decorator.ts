import { applyDecorators } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse } from '@nestjs/swagger';
import { Allow, ProblemDetailsDto } from '@jaring/platform';
import { ACCOUNT_READERS } from './account-readers';

/**
 * A read of one worker's account (`/v1/workers/{workerId}/...`): who may call it (ACCOUNT_READERS), its
 * answer, and the 404 `worker-not-found` of a worker unknown here or, for an agent, of another region.
 */
export function AccountRead(answer: new () => object): MethodDecorator {
  return applyDecorators(
    Allow(...ACCOUNT_READERS),
    ApiOkResponse({ type: answer }),
    ApiNotFoundResponse({
      type: ProblemDetailsDto,
      description: "`worker-not-found`: unknown here, or another region's worker for an agent",
    }),
  );
}

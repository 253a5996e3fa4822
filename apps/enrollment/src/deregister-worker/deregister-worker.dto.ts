import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';

/**
 * Why a worker leaves, as a code: free text could carry personal data into the event that announces it. A death
 * is not a way of leaving: it has a date of its own and closes the membership for good (`POST
 * /v1/workers/{id}/death`), so `DECEASED`, once a reason here, is refused with a pointer to that route.
 */
export const DEREGISTRATION_REASONS = ['REQUESTED_BY_WORKER', 'LEFT_INDONESIA', 'REGISTERED_IN_ERROR', 'OTHER'] as const;

export class DeregisterWorkerDto {
  @ApiProperty({ enum: DEREGISTRATION_REASONS })
  @IsIn(DEREGISTRATION_REASONS, {
    message: `$property must be one of ${DEREGISTRATION_REASONS.join(', ')} (a death is recorded with its date by POST /v1/workers/{id}/death)`,
  })
  reason!: string;
}

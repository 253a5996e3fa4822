import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';

/**
 * Why a worker leaves, as a code: free text could carry personal data into the event that announces it.
 */
export const DEREGISTRATION_REASONS = ['REQUESTED_BY_WORKER', 'DECEASED', 'LEFT_INDONESIA', 'REGISTERED_IN_ERROR', 'OTHER'] as const;

export class DeregisterWorkerDto {
  @ApiProperty({ enum: DEREGISTRATION_REASONS })
  @IsIn(DEREGISTRATION_REASONS, { message: `$property must be one of ${DEREGISTRATION_REASONS.join(', ')}` })
  reason!: string;
}

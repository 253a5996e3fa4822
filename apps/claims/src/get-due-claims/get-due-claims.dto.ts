import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { CLAIM_TYPES } from '@jaring/domain';
import { IsCalendarDate, IsRegencyCode } from '@jaring/platform';
import { PageQueryDto } from '../page-query.dto';

export const OPEN_STATUSES = ['PENDING_FACTS', 'SUBMITTED', 'VERIFIED', 'APPROVED'] as const;
export const MAX_QUEUE_PAGE = 500;

/** `GET /v1/claims?dueBefore=&status=&type=&regionCode=&limit=&offset=` (docs/api.md): every filter optional, combined. */
export class GetDueClaimsDto extends PageQueryDto(MAX_QUEUE_PAGE) {
  @ApiPropertyOptional({ example: '2026-07-31', description: 'open claims due on or before this day (near or past their service level)' })
  @IsOptional()
  @IsCalendarDate()
  dueBefore?: string;

  @ApiPropertyOptional({ enum: OPEN_STATUSES })
  @IsOptional()
  @IsIn(OPEN_STATUSES, { message: `$property must be one of ${OPEN_STATUSES.join(', ')}` })
  status?: string;

  @ApiPropertyOptional({ enum: CLAIM_TYPES })
  @IsOptional()
  @IsIn(CLAIM_TYPES, { message: `$property must be one of ${CLAIM_TYPES.join(', ')}` })
  type?: string;

  @ApiPropertyOptional({ example: '5371', description: "the worker's regency (Kemendagri code)" })
  @IsOptional()
  @IsRegencyCode()
  regionCode?: string;
}

import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsCalendarDate } from '@jaring/platform';

export const OPEN_STATUSES = ['SUBMITTED', 'VERIFIED', 'APPROVED'] as const;

/** `GET /v1/claims?dueBefore=&status=&limit=&offset=` (docs/api.md). */
export class GetDueClaimsDto {
  @ApiPropertyOptional({ example: '2026-07-31', description: 'unpaid claims due on or before this day (near or past their service level)' })
  @IsOptional()
  @IsCalendarDate()
  dueBefore?: string;

  @ApiPropertyOptional({ enum: OPEN_STATUSES })
  @IsOptional()
  @IsIn(OPEN_STATUSES)
  status?: string;

  @ApiPropertyOptional({ default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit = 50;

  @ApiPropertyOptional({ default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset = 0;
}

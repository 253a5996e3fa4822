import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export const MAX_BATCH_PAGE = 200;

/** `GET /v1/payout-batches?limit=&offset=` (docs/api.md). */
export class ListPayoutBatchesDto {
  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: MAX_BATCH_PAGE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_BATCH_PAGE)
  limit = 50;

  @ApiPropertyOptional({ default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset = 0;
}

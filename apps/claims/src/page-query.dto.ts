import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/**
 * `limit` and `offset` of a paged list (docs/api.md, "Lists"), at most `largest` items a page; a list's query
 * DTO extends it with its filters: `class GetDueClaimsDto extends PageQueryDto(500) { ... }`.
 */
export function PageQueryDto(largest: number) {
  class PageQuery {
    @ApiPropertyOptional({ default: 50, minimum: 1, maximum: largest })
    @IsOptional()
    @Type(() => Number)
    @IsInt()
    @Min(1)
    @Max(largest)
    limit = 50;

    @ApiPropertyOptional({ default: 0, minimum: 0 })
    @IsOptional()
    @Type(() => Number)
    @IsInt()
    @Min(0)
    offset = 0;
  }
  return PageQuery;
}

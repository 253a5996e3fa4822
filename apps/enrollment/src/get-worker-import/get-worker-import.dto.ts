import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** `GET /v1/worker-imports/{id}?errorsOffset=&errorsLimit=`: the page of refused rows' reasons. */
export class GetWorkerImportDto {
  @ApiPropertyOptional({ default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '$property must be a whole number' })
  @Min(0, { message: '$property must be 0 or more' })
  errorsOffset = 0;

  @ApiPropertyOptional({ default: 1000, maximum: 10000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '$property must be a whole number' })
  @Min(0, { message: '$property must be 0 or more' })
  @Max(10_000, { message: '$property must be at most 10000' })
  errorsLimit = 1000;
}

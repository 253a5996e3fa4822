import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNumber, IsOptional, Max, Min } from 'class-validator';
import { CLAIM_KINDS, CLAIM_TYPES } from '@jaring/domain';

/** `GET /v1/benefit-estimates` (docs/api.md): query values arrive as text and are converted explicitly. */
export class EstimateBenefitDto {
  @ApiProperty({ enum: CLAIM_TYPES })
  @IsIn(CLAIM_TYPES, { message: `$property must be one of ${CLAIM_TYPES.join(', ')}` })
  type!: string;

  @ApiPropertyOptional({ enum: CLAIM_KINDS, description: 'required for JKK; JKM is DEATH, JHT defaults to SAVINGS' })
  @IsOptional()
  @IsIn(CLAIM_KINDS, { message: `$property must be one of ${CLAIM_KINDS.join(', ')}` })
  kind?: string;

  @ApiPropertyOptional({
    example: 1_500_000,
    description: "JKK and JHT: the declared monthly income (its bracket's nominal value is used)",
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  declaredMonthlyIncome?: number;

  @ApiPropertyOptional({ example: 10 })
  @IsOptional()
  @Type(() => Number)
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0.01)
  @Max(100)
  disabilityPercent?: number;

  @ApiPropertyOptional({ example: 7_500_000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1_000_000_000_000)
  medicalCosts?: number;

  @ApiPropertyOptional({ example: 45 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3650)
  daysUnableToWork?: number;

  @ApiPropertyOptional({
    example: 12,
    description: 'JKM: months of membership (and of contributions, for the scholarship); JHT: months of JHT contributions',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1200)
  membershipMonths?: number;
}

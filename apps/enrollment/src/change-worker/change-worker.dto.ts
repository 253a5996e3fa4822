import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { PROGRAM_CODES } from '@jaring/domain';
import { MINIMUM_DECLARED_INCOME } from '../domain/enrollment-rules';
import { IsDeclaredIncome, IsIndonesianMobile, IsProgramSelection } from '../validation/field-rules';

/** `PATCH /v1/workers/{id}`: any of the three; income and programmes apply from the next period. */
export class ChangeWorkerDto {
  @ApiPropertyOptional({ example: 2_000_000 })
  @IsOptional()
  @IsDeclaredIncome(MINIMUM_DECLARED_INCOME)
  declaredMonthlyIncome?: number;

  @ApiPropertyOptional({ enum: PROGRAM_CODES, isArray: true, example: ['JKK', 'JKM', 'JHT'] })
  @IsOptional()
  @IsProgramSelection()
  programs?: string[];

  @ApiPropertyOptional({ example: '081234567890', description: 'takes effect at once' })
  @IsOptional()
  @IsIndonesianMobile()
  phone?: string;
}

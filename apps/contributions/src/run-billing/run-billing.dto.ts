import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, ValidateBy } from 'class-validator';
import { Period } from '@jaring/domain';

export class StartBillingRunDto {
  @ApiPropertyOptional({ example: '2026-12', description: 'The period to bill; default the current one' })
  @IsOptional()
  @ValidateBy(
    { name: 'period', validator: { validate: (value) => Period.isValid(value) } },
    { message: 'period must be a period YYYY-MM, from 1900-01 to 9999-12' },
  )
  period?: string;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { OCCUPATION_CODES, PROGRAM_CODES } from '@jaring/domain';
import { IsCalendarDate, IsNik, IsPersonName, IsRegencyCode } from '@jaring/platform';
import { MINIMUM_DECLARED_INCOME } from '../domain/enrollment-rules';
import { CALENDAR_DATE_REASON, IsDeclaredIncome, IsIndonesianMobile, IsProgramSelection } from '../validation/field-rules';
import { HeirDto, MAX_HEIRS } from '../workers/heir.dto';

/** `POST /v1/workers` (docs/api.md), and one row of a worker import. */
export class RegisterWorkerDto {
  @ApiProperty({
    example: '5371012507900001',
    description: '16 digits: district code (1-6), birth date DDMMYY with day + 40 for women (7-12), serial (13-16)',
  })
  @IsNik({ birthDateField: 'birthDate' })
  nik!: string;

  @ApiProperty({ example: 'Yohanes Nahak' })
  @IsPersonName()
  fullName!: string;

  @ApiProperty({ example: '1990-07-25', description: 'at least 18 and below 65 on the registration date' })
  @IsCalendarDate(CALENDAR_DATE_REASON)
  birthDate!: string;

  @ApiProperty({ example: '081234567890', description: 'Indonesian mobile number; stored as +62...' })
  @IsIndonesianMobile()
  phone!: string;

  @ApiProperty({ example: '5371', description: 'Kemendagri regency/city code (5371 Kota Kupang), not a BPS code' })
  @IsRegencyCode()
  regionCode!: string;

  @ApiProperty({ enum: OCCUPATION_CODES, example: 'OJEK_DRIVER' })
  @IsIn(OCCUPATION_CODES as string[], { message: `$property must be one of ${OCCUPATION_CODES.join(', ')}` })
  occupation!: string;

  @ApiProperty({ example: 1_500_000, description: 'whole rupiah, at least 1; its income bracket sets the JKK/JHT base' })
  @IsDeclaredIncome(MINIMUM_DECLARED_INCOME)
  declaredMonthlyIncome!: number;

  @ApiProperty({ enum: PROGRAM_CODES, isArray: true, example: ['JKK', 'JKM'], description: 'JKK and JKM required, JHT optional' })
  @IsProgramSelection()
  programs!: string[];

  @ApiPropertyOptional({ type: [HeirDto] })
  @IsOptional()
  @IsArray({ message: '$property must be a list' })
  @ArrayMaxSize(MAX_HEIRS, { message: `$property may hold at most ${MAX_HEIRS} heirs` })
  @ValidateNested({ each: true })
  @Type(() => HeirDto)
  heirs?: HeirDto[];
}

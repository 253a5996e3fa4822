import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsIn, IsInt, IsOptional, IsUUID, Matches, Max, Min, ValidateNested } from 'class-validator';
import { OCCUPATION_CODES, PROGRAM_CODES } from '@jaring/domain';
import { IsPlainText } from '@jaring/platform';
import { SELECTIONS, type Selection } from '../programmes/programme.dto';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export class EligibilityDto {
  @ApiPropertyOptional({ example: ['5371'], description: 'Kemendagri codes of regencies (4 digits) or whole provinces (2 digits)' })
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(600)
  @Matches(/^\d{2}(\d{2})?$/, { each: true, message: 'each of regions must be a Kemendagri code of 2 or 4 digits' })
  regions?: string[];

  @ApiPropertyOptional({ example: ['WEAVER', 'MARKET_TRADER'], enum: OCCUPATION_CODES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @IsIn(OCCUPATION_CODES, { each: true })
  occupations?: string[];

  @ApiPropertyOptional({ example: 2_500_000, description: 'Highest declared monthly income sponsored (rupiah, inclusive)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  incomeCeiling?: number;
}

export class CreateProgrammeDto {
  @ApiProperty() @IsUUID() funderId!: string;

  @ApiProperty({ example: 'Stimulus BPU Kota Kupang 2026' })
  @IsPlainText(200)
  name!: string;

  @ApiProperty({ example: 659_265_600, description: 'Integer rupiah' })
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  budget!: number;

  @ApiProperty({ example: 3, description: 'Months paid per worker (typically 3 to 6; CSR up to 12)' })
  @IsInt()
  @Min(1)
  @Max(24)
  coverageMonths!: number;

  @ApiProperty({
    example: ['JKK', 'JKM'],
    enum: PROGRAM_CODES,
    isArray: true,
    description: 'What it pays; JKK and JKM at least, JHT optional',
  })
  @IsArray()
  @IsIn(PROGRAM_CODES, { each: true })
  programs!: string[];

  @ApiPropertyOptional({ type: EligibilityDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => EligibilityDto)
  eligibility?: EligibilityDto;

  @ApiPropertyOptional({ example: 5606, description: 'Most workers it sponsors' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000_000)
  quota?: number;

  @ApiProperty({ example: '2026-07-01', description: 'First day a worker can be granted a sponsorship' })
  @Matches(ISO_DATE, { message: 'startsOn must be a date YYYY-MM-DD' })
  startsOn!: string;

  @ApiProperty({ example: '2026-12-31', description: 'Last day a worker can be granted one (granted months may run past it)' })
  @Matches(ISO_DATE, { message: 'endsOn must be a date YYYY-MM-DD' })
  endsOn!: string;

  @ApiProperty({ enum: SELECTIONS, description: 'AUTOMATIC: everyone eligible who enrols; NOMINATED: only workers the funder names' })
  @IsIn(SELECTIONS)
  selection!: Selection;
}

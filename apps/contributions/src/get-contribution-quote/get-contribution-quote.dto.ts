import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayNotEmpty, IsArray, IsIn, IsInt, IsOptional, IsString, Matches, Min } from 'class-validator';
import { OCCUPATION_CODES, PAYERS, PROGRAM_CODES } from '@jaring/domain';

export class QuoteQueryDto {
  @ApiProperty({ example: 2_500_000 })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  declaredMonthlyIncome!: number;

  @ApiPropertyOptional({ example: 'JKK,JKM,JHT', description: 'Comma-separated or repeated; default JKK,JKM (the minimum)' })
  @IsOptional()
  @Transform(({ value }) => (Array.isArray(value) ? value : String(value).split(',')).map((v: string) => v.trim()).filter(Boolean))
  @IsArray()
  @ArrayNotEmpty()
  @IsIn(PROGRAM_CODES, { each: true })
  programs?: string[];

  @ApiPropertyOptional({ example: '2026-11', description: 'Default: the current period' })
  @IsOptional()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'period must be a period YYYY-MM' })
  period?: string;

  @ApiPropertyOptional({ enum: OCCUPATION_CODES, description: 'Decides the PP 50/2025 window; default OTHER' })
  @IsOptional()
  @IsString()
  @IsIn(OCCUPATION_CODES)
  occupation?: string;

  @ApiPropertyOptional({ enum: PAYERS, description: 'Who pays: government budgets (APBD, APBN) get no discount; default SELF' })
  @IsOptional()
  @IsIn(PAYERS)
  payer?: string;
}

export class QuoteLineDto {
  @ApiProperty({ enum: PROGRAM_CODES }) program!: string;
  @ApiProperty({ example: 'Jaminan Kecelakaan Kerja (work accident)' }) name!: string;
  @ApiProperty({ example: 5000, description: 'Owed for the period, after any discount' }) amount!: number;
  @ApiProperty({ example: 10000 }) fullAmount!: number;
  @ApiProperty({ example: 5000 }) discount!: number;
  @ApiProperty({ description: 'What the programme pays, in plain words' }) covers!: string;
}

export class DiscountDto {
  @ApiProperty({ example: 'PP50_2025_GENERAL' }) id!: string;
  @ApiProperty({ example: 'PP 50/2025' }) regulation!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ example: '2026-04' }) from!: string;
  @ApiProperty({ example: '2026-12' }) to!: string;
  @ApiProperty({ example: 50 }) percentOff!: number;
}

export class BracketDto {
  @ApiProperty({ example: 2_500_000 }) from!: number;
  @ApiProperty({ example: 2_699_999, nullable: true, type: Number }) to!: number | null;
  @ApiProperty({ example: 2_600_000, description: 'The nominal income JKK and JHT are computed on' }) nominal!: number;
}

export class QuoteDto {
  @ApiProperty({ example: '2026-11' }) period!: string;
  @ApiProperty() declaredMonthlyIncome!: number;
  @ApiProperty() occupation!: string;
  @ApiProperty({ enum: PAYERS }) payer!: string;
  @ApiProperty({ type: BracketDto }) bracket!: BracketDto;
  @ApiProperty({ type: [QuoteLineDto] }) lines!: QuoteLineDto[];
  @ApiProperty({ example: 8400 }) total!: number;
  @ApiProperty({ example: 16800, description: 'The total without any discount' }) fullTotal!: number;
  @ApiProperty({ type: DiscountDto, nullable: true, description: 'The discount in force for this period, occupation and payer' })
  discount!: DiscountDto | null;
}

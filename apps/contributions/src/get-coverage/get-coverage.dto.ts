import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

export class CoverageQueryDto {
  @ApiPropertyOptional({ example: '2026-11-20', description: 'The day asked about (an incident date); default today' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date must be a date YYYY-MM-DD' })
  date?: string;
}

export class CoverageDto {
  @ApiProperty({ format: 'uuid' }) workerId!: string;
  @ApiProperty({ example: '2026-11-20' }) date!: string;
  @ApiProperty({ description: 'Covered on `date`: its period was paid (docs/rules.md: an unpaid period is not covered)' })
  covered!: boolean;
  @ApiProperty({ type: [String], description: 'The programmes covered on `date`' }) programs!: string[];
  @ApiProperty({ enum: ['PENDING_PAYMENT', 'ACTIVE', 'LAPSED', 'DEREGISTERED', 'DECEASED'], description: 'The membership now' })
  status!: string;
  @ApiProperty({ nullable: true, type: String, example: '2026-12-31', description: 'The last covered day of the current membership' })
  paidUntil!: string | null;
  @ApiProperty({ type: [String], example: ['2026-11', '2026-12'], description: 'Every paid (covered) period' }) periods!: string[];
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Arrears can be paid until this day (docs/rules.md: 3 months from the end of coverage)',
  })
  graceUntil!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The day the membership lapses if nothing more is paid' }) lapsesOn!:
    string | null;
  @ApiProperty({ nullable: true, type: String }) lapsedOn!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The date of death: coverage ended with its month' }) diedOn!: string | null;
}

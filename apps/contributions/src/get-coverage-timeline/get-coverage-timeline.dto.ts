import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { PAID_BY } from '../domain/paid-by';

const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;

/** `?from=YYYY-MM&to=YYYY-MM`: both optional (docs/api.md, "Coverage month by month"). */
export class CoverageTimelineQueryDto {
  @ApiPropertyOptional({
    example: '2026-01',
    description: 'the first month; default 11 months before `to`, or the membership start when later',
  })
  @IsOptional()
  @Matches(PERIOD, { message: '$property must be a period YYYY-MM' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-12', description: 'the last month; default the current period. At most 36 months from `from`' })
  @IsOptional()
  @Matches(PERIOD, { message: '$property must be a period YYYY-MM' })
  to?: string;
}

export class PaidPartDto {
  @ApiProperty({ enum: PAID_BY, description: "WORKER, or the sponsor's payer" }) payer!: string;
  @ApiProperty({ example: 8400 }) amount!: number;
  @ApiPropertyOptional({ format: 'uuid', description: "a sponsor's part: the sponsorship" }) sponsorshipId?: string;
}

export class CoverageMonthDto {
  @ApiProperty({ example: '2026-11' }) period!: string;
  @ApiProperty({ description: 'the whole month covered: its invoice paid in full, and the membership not ended before its last day' })
  covered!: boolean;
  @ApiProperty({
    enum: ['ISSUED', 'PAID', 'OVERDUE', 'VOID'],
    nullable: true,
    type: String,
    description: "the month's invoice (a voided one only when no other is live); null when the month was not billed",
  })
  invoiceStatus!: string | null;
  @ApiProperty({ nullable: true, type: Number, example: 8400, description: "the invoice's amount; null when not billed" }) amount!:
    number | null;
  @ApiProperty({ type: [PaidPartDto], description: 'who paid what of it, in the order they paid' }) paidBy!: PaidPartDto[];
}

export class CoverageTimelineDto {
  @ApiProperty({ format: 'uuid' }) workerId!: string;
  @ApiProperty({ example: '2026-01' }) from!: string;
  @ApiProperty({ example: '2026-12' }) to!: string;
  @ApiProperty({ type: [CoverageMonthDto], description: 'every month from `from` to `to`, oldest first' }) months!: CoverageMonthDto[];
}

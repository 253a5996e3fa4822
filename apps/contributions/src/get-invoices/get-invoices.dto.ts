import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class InvoiceLineDto {
  @ApiProperty({ enum: ['JKK', 'JKM', 'JHT'] }) program!: string;
  @ApiProperty({ example: 5000 }) amount!: number;
}

/** docs/api.md's Invoice shape, plus what a worker or a funder also wants to know. */
export class InvoiceDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) workerId!: string;
  @ApiProperty({ example: '2026-11' }) period!: string;
  @ApiProperty({ example: 8400 }) amount!: number;
  @ApiProperty({ enum: ['ISSUED', 'PAID', 'OVERDUE', 'VOID', 'REFUNDED'] }) status!: string;
  @ApiProperty({ enum: ['SELF', 'CSR', 'APBD', 'APBN'] }) payer!: string;
  @ApiProperty({ example: '2026-11-16' }) dueDate!: string;
  @ApiProperty({ type: [InvoiceLineDto] }) lines!: InvoiceLineDto[];
  @ApiPropertyOptional({ format: 'uuid', description: 'The sponsorship paying this period' }) sponsorshipId?: string;
  @ApiProperty({ description: 'The part the sponsor pays (0 when none)' }) sponsoredAmount!: number;
  @ApiProperty({ description: 'Paid so far, by the worker and the sponsor' }) paidAmount!: number;
  @ApiPropertyOptional({ example: 'PP50_2025_GENERAL' }) discountRule?: string;
  @ApiProperty() issuedAt!: string;
  @ApiPropertyOptional() paidAt?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'For a VOID invoice re-issued: its replacement' }) replacedBy?: string;
  @ApiPropertyOptional({
    enum: ['SPONSORED', 'DEREGISTERED', 'LAPSED', 'WORKER_DIED'],
    description: 'Why a VOID or REFUNDED invoice no longer counts',
  })
  voidReason?: string;
  @ApiPropertyOptional({ type: () => [InvoiceRefundDto], description: 'What was given back, one per payer (a period after the death)' })
  refunds?: InvoiceRefundDto[];
}

export class InvoiceRefundDto {
  @ApiProperty({ format: 'uuid' }) refundId!: string;
  @ApiProperty({ enum: ['SELF', 'CSR', 'APBD', 'APBN'] }) payer!: string;
  @ApiProperty({ example: 20000 }) amount!: number;
  @ApiPropertyOptional({ format: 'uuid' }) sponsorshipId?: string;
  @ApiProperty() refundedAt!: string;
}

export class InvoiceListDto {
  @ApiProperty({ type: [InvoiceDto] }) items!: InvoiceDto[];
  @ApiProperty() total!: number;
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
}

export class PageQueryDto {
  @ApiPropertyOptional({ default: 100, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset?: number;
}

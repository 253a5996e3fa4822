import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, Min } from 'class-validator';
import { IsReference } from '@jaring/platform';
import { MONTHS_AHEAD_ALLOWED } from '../domain/payment-plan';

export class CreatePaymentDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  workerId!: string;

  @ApiProperty({
    example: 16800,
    description: 'Whole rupiah: exactly the oldest open invoices, or all of them plus 1, 3, 6 or 12 months ahead',
  })
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  amount!: number;

  /**
   * Kept so that integrations written before channels signed in still pass validation; never read. The
   * payment is recorded under the channel of the caller's credential (a bank cannot record a payment as
   * another channel's), and the duplicate check of `externalReference` is that channel's.
   */
  @ApiPropertyOptional({
    example: 'BANK_NTT',
    deprecated: true,
    description:
      "Ignored: the payment is recorded under the channel of the caller's credential (its `channel` claim), whatever this says. " +
      'When sent, it must still be a code of 2 to 40 letters, digits, _ . -',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_.-]{2,40}$/, { message: 'channel must be 2 to 40 letters, digits, _ . or -' })
  channel?: string;

  @ApiProperty({
    example: 'TRX-20261105-0001',
    description:
      "The channel's own reference: a payment is recorded once per channel (the caller's) and reference. 1 to 128 letters, digits, and _ . / : # - or spaces inside",
  })
  @IsReference(128)
  externalReference!: string;

  @ApiPropertyOptional({
    enum: MONTHS_AHEAD_ALLOWED,
    description: 'Months to pay ahead after the open invoices (docs/rules.md: 1, 3, 6 or 12)',
  })
  @IsOptional()
  @IsIn(MONTHS_AHEAD_ALLOWED, { message: 'months must be 1, 3, 6 or 12' })
  months?: number;
}

export class AppliedToDto {
  @ApiProperty({ format: 'uuid' }) invoiceId!: string;
  @ApiProperty({ example: '2026-11' }) period!: string;
  @ApiProperty({ example: 8400 }) amount!: number;
}

export class PaymentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) workerId!: string;
  @ApiProperty({ example: 8400 }) amount!: number;
  @ApiProperty({ example: 'BANK_NTT', description: "The channel the payment is recorded under: the caller's credential's" })
  channel!: string;
  @ApiProperty() externalReference!: string;
  @ApiProperty({ description: 'Periods paid ahead (issued by this payment)' }) monthsAhead!: number;
  @ApiProperty({ type: [AppliedToDto] }) appliedTo!: AppliedToDto[];
  @ApiProperty({ format: 'date-time' }) receivedAt!: string;
}

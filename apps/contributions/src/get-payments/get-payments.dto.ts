import { ApiProperty } from '@nestjs/swagger';
import { PAID_BY } from '../domain/paid-by';
import { AppliedToDto } from '../record-payment/record-payment.dto';

/** One payment of a worker: the worker's own through a channel, or a sponsor's (docs/api.md, "Payments of a worker"). */
export class WorkerPaymentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 8400 }) amount!: number;
  @ApiProperty({
    enum: ['CHANNEL', 'FUNDER'],
    description: "CHANNEL: the worker's payment through a bank, an e-wallet or an agent; FUNDER: a sponsor's",
  })
  source!: string;
  @ApiProperty({ type: String, nullable: true, example: 'BANK_NTT', description: 'the channel (null for a sponsor)' }) channel!:
    string | null;
  @ApiProperty({ type: String, nullable: true, description: "the channel's own reference (null for a sponsor)" }) externalReference!:
    string | null;
  @ApiProperty({ description: 'periods paid ahead by this payment (0 for a sponsor)' }) monthsAhead!: number;
  @ApiProperty({ enum: PAID_BY, description: "WORKER, or the sponsor's payer" }) paidBy!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    format: 'uuid',
    description: "the sponsorship a sponsor's payment is for (null for the worker's)",
  })
  sponsorshipId!: string | null;
  @ApiProperty({ type: [AppliedToDto], description: 'the invoices it paid, oldest period first' }) appliedTo!: AppliedToDto[];
  @ApiProperty({ format: 'date-time' }) receivedAt!: string;
}

export class WorkerPaymentListDto {
  @ApiProperty({ type: [WorkerPaymentDto] }) items!: WorkerPaymentDto[];
  @ApiProperty() total!: number;
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
}

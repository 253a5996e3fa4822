import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsIn, IsOptional, IsUUID, ValidateIf, ValidateNested } from 'class-validator';
import { IsPlainText, IsReference } from '@jaring/platform';
import type { BankAnswer } from '../domain/bank-answer';
import { MAX_BATCH_LINES } from '../payouts/payout-records';

const BANK_ANSWERS: BankAnswer[] = ['PAID', 'FAILED', 'RETURNED'];

export class BankResultLineDto {
  @ApiProperty({ format: 'uuid', description: "the line's reference in the bank file" })
  @IsUUID()
  lineId!: string;

  @ApiProperty({ enum: BANK_ANSWERS, description: 'RETURNED: the bank gave back a transfer it reported PAID before' })
  @IsIn(BANK_ANSWERS)
  status!: BankAnswer;

  @ApiPropertyOptional({ example: 'ACCOUNT_CLOSED', description: "required for FAILED and RETURNED: the bank's reason" })
  @ValidateIf((line: BankResultLineDto) => line.status === 'FAILED' || line.status === 'RETURNED' || line.reason !== undefined)
  @IsPlainText(200)
  reason?: string;

  @ApiPropertyOptional({ description: "the bank's own transaction reference" })
  @IsOptional()
  @IsReference(100)
  bankReference?: string;
}

/** `POST /v1/payout-batches/{id}/results`: the bank's answer per line. */
export class RecordBankResultsDto {
  @ApiProperty({ type: [BankResultLineDto] })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(MAX_BATCH_LINES)
  @ValidateNested({ each: true })
  @Type(() => BankResultLineDto)
  results!: BankResultLineDto[];
}

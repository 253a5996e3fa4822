import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsIn, IsOptional, IsUUID, ValidateIf, ValidateNested } from 'class-validator';
import { IsPlainText, IsReference } from '@jaring/platform';
import { MAX_BATCH_LINES } from '../payouts/payout-records';

export class BankResultLineDto {
  @ApiProperty({ format: 'uuid', description: "the line's reference in the bank file" })
  @IsUUID()
  lineId!: string;

  @ApiProperty({ enum: ['PAID', 'FAILED'] })
  @IsIn(['PAID', 'FAILED'])
  status!: 'PAID' | 'FAILED';

  @ApiPropertyOptional({ example: 'ACCOUNT_CLOSED', description: "required for FAILED: the bank's reason" })
  @ValidateIf((line: BankResultLineDto) => line.status === 'FAILED' || line.reason !== undefined)
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

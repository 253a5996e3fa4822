import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsIn, IsOptional } from 'class-validator';
import { IsPlainText } from '@jaring/platform';
import { DOCUMENT_CODES } from '../domain/required-documents';

export class VerificationDto {
  @ApiPropertyOptional({ description: 'what the verifier checked' })
  @IsOptional()
  @IsPlainText(500)
  note?: string;
}

export class ApprovalDto extends VerificationDto {}

export class RejectionDto {
  @ApiProperty({ example: 'the death certificate does not match the member', description: 'told to the family; no personal data' })
  @IsPlainText(500, { minLength: 3 })
  reason!: string;
}

export class DocumentsDto {
  @ApiProperty({ enum: DOCUMENT_CODES, isArray: true })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(DOCUMENT_CODES.length)
  @IsIn(DOCUMENT_CODES, { each: true, message: `each of $property must be one of ${DOCUMENT_CODES.join(', ')}` })
  documents!: string[];
}

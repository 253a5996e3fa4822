import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsObject, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import { SCHOOL_LEVELS } from '@jaring/domain';
import { IsNik } from '@jaring/platform';
import { DOCUMENT_CODES } from '../domain/required-documents';
import { ClaimantDto } from '../submit-claim/submit-claim.dto';

export class ScholarshipChildDto {
  @ApiProperty({ example: '5371014507150003', description: "the child's NIK: matched, by its keyed hash, to the member's heirs of record" })
  @IsNik()
  nik!: string;
}

/** `POST /v1/claims/{id}/scholarships` (docs/api.md, "Scholarship body"): one school year for one child. */
export class ClaimScholarshipDto {
  @ApiProperty({ type: ScholarshipChildDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ScholarshipChildDto)
  child!: ScholarshipChildDto;

  @ApiProperty({ enum: SCHOOL_LEVELS })
  @IsIn(SCHOOL_LEVELS, { message: `$property must be one of ${SCHOOL_LEVELS.join(', ')}` })
  level!: string;

  @ApiProperty({ example: 2026, description: 'the school year by the year it starts (July): 2026 is 2026/2027' })
  @IsInt()
  @Min(2000)
  @Max(2100)
  schoolYear!: number;

  @ApiProperty({ type: ClaimantDto, description: 'who receives it for the child: an heir of record (the widow, or the child)' })
  @IsObject()
  @ValidateNested()
  @Type(() => ClaimantDto)
  claimant!: ClaimantDto;

  @ApiPropertyOptional({ enum: DOCUMENT_CODES, isArray: true, description: "documents received: the school's proof is SCHOOL_PROOF" })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(DOCUMENT_CODES.length)
  @IsIn(DOCUMENT_CODES, { each: true, message: `each of $property must be one of ${DOCUMENT_CODES.join(', ')}` })
  documents?: string[];
}

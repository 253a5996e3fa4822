import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsUUID,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { CLAIM_KINDS, CLAIM_TYPES, CLAIMANT_RELATIONSHIPS } from '@jaring/domain';
import { IsCalendarDate, IsNik, IsPersonName, IsPlainText } from '@jaring/platform';
import { DOCUMENT_CODES } from '../domain/required-documents';

const MAX_RUPIAH = 1_000_000_000_000;

export class BankAccountDto {
  @ApiProperty({ example: '002', description: "the bank's 3-digit clearing code (002 BRI, 008 Mandiri, 009 BNI, 014 BCA...)" })
  @Matches(/^\d{3}$/, { message: '$property must be a 3-digit bank code' })
  bankCode!: string;

  @ApiProperty({ example: '0123456789' })
  @Matches(/^\d{5,20}$/, { message: '$property must be 5 to 20 digits' })
  accountNumber!: string;

  @ApiProperty({ example: 'Maria Nahak', description: "the account holder's name, as the bank has it" })
  @IsPersonName()
  accountName!: string;
}

export class ClaimantDto {
  @ApiProperty({ example: 'Maria Nahak' })
  @IsPersonName()
  fullName!: string;

  @ApiProperty({ example: '5371016505920002' })
  @IsNik()
  nik!: string;

  @ApiProperty({
    enum: CLAIMANT_RELATIONSHIPS,
    description: "SELF for the worker's own JKK/JHT claim; for a death, the heir's relationship",
  })
  @IsIn(CLAIMANT_RELATIONSHIPS, { message: `$property must be one of ${CLAIMANT_RELATIONSHIPS.join(', ')}` })
  relationship!: string;

  @ApiProperty({ type: BankAccountDto })
  @IsObject()
  @ValidateNested()
  @Type(() => BankAccountDto)
  bankAccount!: BankAccountDto;
}

export class TransportCostsDto {
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(MAX_RUPIAH) land?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(MAX_RUPIAH) sea?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(MAX_RUPIAH) air?: number;
}

export class OtherCostsDto {
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(MAX_RUPIAH) homeCare?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(MAX_RUPIAH) dentures?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(MAX_RUPIAH) hearingAid?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(MAX_RUPIAH) glasses?: number;
}

/** The type-specific details (docs/api.md): `kind` and the figures that kind needs. */
export class ClaimDetailsDto {
  @ApiProperty({
    enum: CLAIM_KINDS,
    description:
      'JKM: DEATH. JKK: DEATH, MEDICAL, TEMPORARY_INCAPACITY, PERMANENT_PARTIAL_DISABILITY, PERMANENT_TOTAL_DISABILITY. JHT: SAVINGS, DEATH, PERMANENT_TOTAL_DISABILITY',
  })
  @IsIn(CLAIM_KINDS, { message: `$property must be one of ${CLAIM_KINDS.join(', ')}` })
  kind!: string;

  @ApiPropertyOptional({ description: 'death: the cause as on the death certificate' })
  @IsOptional()
  @IsPlainText(200)
  causeOfDeath?: string;

  @ApiPropertyOptional({ description: 'JKK: the accident happened on the way to or from work' })
  @IsOptional()
  @IsBoolean()
  commuting?: boolean;

  @ApiPropertyOptional({ example: 7_500_000, description: 'JKK: medical costs claimed (no cap)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_RUPIAH)
  medicalCosts?: number;

  @ApiPropertyOptional({ type: TransportCostsDto, description: 'JKK: transport of the injured, capped per means' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => TransportCostsDto)
  transportCosts?: TransportCostsDto;

  @ApiPropertyOptional({ type: OtherCostsDto, description: 'JKK: home care, dentures, hearing aid, glasses (capped)' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => OtherCostsDto)
  otherCosts?: OtherCostsDto;

  @ApiPropertyOptional({ example: 45, description: 'JKK temporary incapacity: days unable to work' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3650)
  daysUnableToWork?: number;

  @ApiPropertyOptional({ example: 10, description: 'JKK permanent partial disability: percentage from the disability table' })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0.01)
  @Max(100)
  disabilityPercent?: number;

  @ApiPropertyOptional({ description: 'JHT savings: the member leaves Indonesia for good (else the balance is paid from 56)' })
  @IsOptional()
  @IsBoolean()
  leavingIndonesia?: boolean;
}

/** `POST /v1/claims` (docs/api.md, "Claim body"). */
export class SubmitClaimDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  workerId!: string;

  @ApiProperty({ enum: CLAIM_TYPES })
  @IsIn(CLAIM_TYPES, { message: `$property must be one of ${CLAIM_TYPES.join(', ')}` })
  type!: string;

  @ApiProperty({ example: '2026-07-10', description: 'the day of the accident or death' })
  @IsCalendarDate()
  incidentDate!: string;

  @ApiProperty({ type: ClaimantDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ClaimantDto)
  claimant!: ClaimantDto;

  @ApiProperty({ type: ClaimDetailsDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ClaimDetailsDto)
  details!: ClaimDetailsDto;

  @ApiPropertyOptional({
    enum: DOCUMENT_CODES,
    isArray: true,
    description: 'documents received with the claim; when all the claim needs are in, its service-level clock starts',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(DOCUMENT_CODES.length)
  @IsIn(DOCUMENT_CODES, { each: true, message: `each of $property must be one of ${DOCUMENT_CODES.join(', ')}` })
  documents?: string[];
}

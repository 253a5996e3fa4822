import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsUUID, Matches } from 'class-validator';

export class NominateWorkersDto {
  @ApiPropertyOptional({ type: [String], description: 'Worker ids (as enrollment gave them)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true })
  workerIds?: string[];

  @ApiPropertyOptional({
    type: [String],
    example: ['53710000013'],
    description: 'Membership numbers (11 digits), e.g. from a welfare list',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @Matches(/^\d{11}$/, { each: true, message: 'each of membershipNumbers must be 11 digits' })
  membershipNumbers?: string[];
}

export const NOMINATION_STATUSES = ['GRANTED', 'PENDING', 'REFUSED'] as const;

export class NominationResultDto {
  @ApiPropertyOptional() workerId?: string;
  @ApiPropertyOptional() membershipNumber?: string;
  @ApiProperty({
    enum: NOMINATION_STATUSES,
    description: 'PENDING: the worker is not registered yet; the grant is decided when they register',
  })
  status!: (typeof NOMINATION_STATUSES)[number];
  @ApiPropertyOptional() sponsorshipId?: string;
  @ApiPropertyOptional({ example: '2026-07' }) firstPeriod?: string;
  @ApiPropertyOptional() months?: number;
  @ApiPropertyOptional() reservedAmount?: number;
  @ApiPropertyOptional({ example: 'BUDGET_EXHAUSTED' }) reason?: string;
  @ApiPropertyOptional({ type: [String], example: ['OUTSIDE_REGION'] }) reasons?: string[];
}

export class NominationResultListDto {
  @ApiProperty({ type: [NominationResultDto] }) items!: NominationResultDto[];
  @ApiProperty() total!: number;
}

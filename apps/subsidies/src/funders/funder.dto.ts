import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export const FUNDER_TYPES = ['APBN', 'APBD_PROVINCE', 'APBD_REGENCY', 'CSR'] as const;
export type FunderType = (typeof FUNDER_TYPES)[number];

export class FunderDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: FUNDER_TYPES }) type!: FunderType;
  @ApiPropertyOptional({ nullable: true }) regionCode!: string | null;
  @ApiProperty() createdAt!: string;
}

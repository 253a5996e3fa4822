import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export const FUNDER_TYPES = ['APBN', 'APBD_PROVINCE', 'APBD_REGENCY', 'CSR'] as const;
export type FunderType = (typeof FUNDER_TYPES)[number];

/** A funder's code (`PEMPROV-NTT`): the database checks the same. */
export const FUNDER_CODE = /^[A-Z0-9-]{2,40}$/;

export class FunderDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: FUNDER_TYPES }) type!: FunderType;
  @ApiPropertyOptional({ nullable: true }) regionCode!: string | null;
  @ApiPropertyOptional({ nullable: true, example: 'PEMPROV-NTT', description: "What its staff's sign-in names it by (the funder claim)" })
  code!: string | null;
  @ApiProperty() createdAt!: string;
}

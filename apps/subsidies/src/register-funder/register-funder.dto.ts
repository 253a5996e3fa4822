import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { IsPlainText } from '@jaring/platform';
import { FUNDER_CODE, FUNDER_TYPES, type FunderType } from '../funders/funder.dto';

export class CreateFunderDto {
  @ApiProperty({ example: 'Pemerintah Kota Kupang' })
  @IsPlainText(200)
  name!: string;

  @ApiProperty({ enum: FUNDER_TYPES, example: 'APBD_REGENCY' })
  @IsIn(FUNDER_TYPES)
  type!: FunderType;

  @ApiPropertyOptional({
    example: '5371',
    description:
      'Required for APBD: the Kemendagri code of the province (2 digits, APBD_PROVINCE) or the regency/city (4 digits, APBD_REGENCY)',
  })
  @IsOptional()
  @Matches(/^\d{2}(\d{2})?$/, { message: 'regionCode must be a Kemendagri code of 2 (province) or 4 (regency) digits' })
  regionCode?: string;

  @ApiPropertyOptional({
    example: 'PEMPROV-NTT',
    description:
      "Unique: 2 to 40 capital letters, digits and hyphens. Its staff's sign-in names the funder by it (the funder claim, a user attribute at the identity provider)",
  })
  @IsOptional()
  @Matches(FUNDER_CODE, { message: 'code must be 2 to 40 capital letters, digits and hyphens, e.g. PEMPROV-NTT' })
  code?: string;
}

import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { HEIR_RELATIONSHIPS } from '@jaring/domain';
import { IsCalendarDate, IsNik, IsPersonName } from '@jaring/platform';
import { CALENDAR_DATE_REASON } from '../validation/field-rules';

/** More heirs than this on one membership is a data-entry accident, not a family. */
export const MAX_HEIRS = 20;

/** An heir (ahli waris) as the field agent enters them: validated like the worker (NIK, area, birth date). */
export class HeirDto {
  @ApiProperty({ example: 'Maria Bili' })
  @IsPersonName()
  fullName!: string;

  @ApiProperty({ example: '5371015506950002', description: '16 digits; digits 7-12 agree with birthDate (day + 40 for women)' })
  @IsNik({ birthDateField: 'birthDate' })
  nik!: string;

  @ApiProperty({
    enum: HEIR_RELATIONSHIPS,
    description:
      'tiers (docs/rules.md): 1 SPOUSE, CHILD; 2 PARENT, GRANDCHILD, GRANDPARENT; 3 SIBLING; 4 PARENT_IN_LAW; 5 WILL_BENEFICIARY',
  })
  @IsIn(HEIR_RELATIONSHIPS, { message: `$property must be one of ${HEIR_RELATIONSHIPS.join(', ')}` })
  relationship!: string;

  @ApiProperty({ example: '1995-06-15' })
  @IsCalendarDate(CALENDAR_DATE_REASON)
  birthDate!: string;
}

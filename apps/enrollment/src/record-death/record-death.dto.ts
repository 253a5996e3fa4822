import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';
import { IsCalendarDate } from '@jaring/platform';

/**
 * `POST /v1/workers/{id}/death`: what the back office records of a death. The death certificate number (nomor
 * akta kematian, from the civil registry) is what the officer saw: it is sealed with the worker's personal data,
 * named in the audit trail as a field, never in a log, an answer or an event.
 */
export class RecordDeathDto {
  @ApiProperty({ example: '2027-04-06', description: 'the date of death: not after today, not before the registration' })
  @IsCalendarDate()
  diedOn!: string;

  @ApiProperty({
    example: '5371-KM-06042027-0012',
    description: 'the death certificate number (akta kematian): 3 to 60 letters, digits, spaces and . / -; sealed, never sent back',
  })
  @IsString({ message: '$property must be text' })
  @Length(3, 60, { message: '$property must be 3 to 60 characters' })
  @Matches(/^[A-Za-z0-9./ -]+$/, { message: '$property may hold letters, digits, spaces and . / - only' })
  deathCertificateNumber!: string;
}

import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsPlainText } from '@jaring/platform';

export class ReassessmentDto {
  @ApiPropertyOptional({ example: 'the heirs are now registered', description: 'why the facts have changed; no personal data' })
  @IsOptional()
  @IsPlainText(500)
  note?: string;
}

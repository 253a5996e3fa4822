import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { HeirDto, MAX_HEIRS } from '../workers/heir.dto';

/** `PUT /v1/workers/{id}/heirs`. */
export class ReplaceHeirsDto {
  @ApiProperty({ type: [HeirDto], description: 'the complete list: it replaces the heirs recorded before (an empty list removes them)' })
  @IsArray({ message: '$property must be a list' })
  @ArrayMaxSize(MAX_HEIRS, { message: `$property may hold at most ${MAX_HEIRS} heirs` })
  @ValidateNested({ each: true })
  @Type(() => HeirDto)
  heirs!: HeirDto[];
}

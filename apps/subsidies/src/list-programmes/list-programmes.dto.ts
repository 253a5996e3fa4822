import { ApiProperty } from '@nestjs/swagger';
import { ProgrammeDto } from '../programmes/programme.dto';

export class ProgrammeListDto {
  @ApiProperty({ type: [ProgrammeDto] }) items!: ProgrammeDto[];
  @ApiProperty() total!: number;
}

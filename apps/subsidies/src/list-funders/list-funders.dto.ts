import { ApiProperty } from '@nestjs/swagger';
import { FunderDto } from '../funders/funder.dto';

export class FunderListDto {
  @ApiProperty({ type: [FunderDto] }) items!: FunderDto[];
  @ApiProperty() total!: number;
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
}

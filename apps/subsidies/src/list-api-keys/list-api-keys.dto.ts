import { ApiProperty } from '@nestjs/swagger';
import { ApiKeyDto } from '../api-keys/api-key.dto';

export class ApiKeyListDto {
  @ApiProperty({ type: [ApiKeyDto] }) items!: ApiKeyDto[];
  @ApiProperty() total!: number;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsPlainText } from '@jaring/platform';
import { ApiKeyDto } from '../api-keys/api-key.dto';

export class CreateApiKeyDto {
  @ApiPropertyOptional({ example: 'reporting dashboard', description: 'What the key is for, to tell keys apart' })
  @IsOptional()
  @IsPlainText(100)
  name?: string;
}

export class CreatedApiKeyDto extends ApiKeyDto {
  @ApiProperty({ description: 'The key itself. Shown this once: only its hash is kept.' }) key!: string;
}

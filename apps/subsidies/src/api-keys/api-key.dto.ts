import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsPlainText } from '@jaring/platform';

export class CreateApiKeyDto {
  @ApiPropertyOptional({ example: 'reporting dashboard', description: 'What the key is for, to tell keys apart' })
  @IsOptional()
  @IsPlainText(100)
  name?: string;
}

export class ApiKeyDto {
  @ApiProperty() id!: string;
  @ApiProperty() funderId!: string;
  @ApiProperty({ description: 'The first characters of the key, to recognise it' }) prefix!: string;
  @ApiPropertyOptional({ nullable: true }) name!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiPropertyOptional({ nullable: true }) revokedAt!: string | null;
}

export class CreatedApiKeyDto extends ApiKeyDto {
  @ApiProperty({ description: 'The key itself. Shown this once: only its hash is kept.' }) key!: string;
}

export class ApiKeyListDto {
  @ApiProperty({ type: [ApiKeyDto] }) items!: ApiKeyDto[];
  @ApiProperty() total!: number;
}

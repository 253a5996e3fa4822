import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { WEBHOOK_EVENT_TYPES } from './funder-notifications';

export class WebhookDto {
  @ApiProperty() id!: string;
  @ApiProperty() funderId!: string;
  @ApiProperty() url!: string;
  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES, isArray: true }) events!: string[];
  @ApiProperty() createdAt!: string;
  @ApiPropertyOptional({ nullable: true }) disabledAt!: string | null;
}

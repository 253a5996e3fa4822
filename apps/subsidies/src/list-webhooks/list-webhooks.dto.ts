import { ApiProperty } from '@nestjs/swagger';
import { WebhookDto } from '../webhooks/webhook.dto';

export class WebhookListDto {
  @ApiProperty({ type: [WebhookDto] }) items!: WebhookDto[];
  @ApiProperty() total!: number;
}

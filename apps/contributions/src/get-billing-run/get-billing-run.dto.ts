import { ApiProperty } from '@nestjs/swagger';
import { ActorDto } from '../runs/actor.dto';
import type { BillingRun } from './get-billing-run.query';

export class BillingRunDto implements BillingRun {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '2026-12' }) period!: string;
  @ApiProperty({ enum: ['RUNNING', 'DONE', 'FAILED'] }) status!: BillingRun['status'];
  @ApiProperty({ enum: ['HTTP', 'SCHEDULE'] }) trigger!: string;
  @ApiProperty() workersBilled!: number;
  @ApiProperty() invoicesIssued!: number;
  @ApiProperty() startedAt!: string;
  @ApiProperty({ nullable: true, type: String }) finishedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) error!: string | null;
  @ApiProperty({
    type: ActorDto,
    nullable: true,
    description: 'Who started the run: the operator (subject and client of the token), or `schedule`; null for runs older than this field',
  })
  requestedBy!: ActorDto | null;
}

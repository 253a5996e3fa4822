import { ApiProperty } from '@nestjs/swagger';
import { ActorDto } from '../runs/actor.dto';
import type { ArrearsRunResult } from './run-arrears.handler';

export class ArrearsRunDto implements ArrearsRunResult {
  @ApiProperty({ format: 'uuid', description: 'The run, as recorded with who asked for it' }) id!: string;
  @ApiProperty({ example: '2026-11-17', description: "The clock's today the rules were applied on" }) asOf!: string;
  @ApiProperty({ description: 'Invoices that became OVERDUE' }) overdue!: number;
  @ApiProperty({ description: 'Members that became LAPSED' }) lapsed!: number;
  @ApiProperty({ enum: ['HTTP', 'SCHEDULE'] }) trigger!: ArrearsRunResult['trigger'];
  @ApiProperty({ type: ActorDto, description: 'Who started the run: the operator (subject and client of the token)' })
  requestedBy!: ActorDto;
}

import { ApiProperty } from '@nestjs/swagger';
import type { ArrearsRunResult } from './run-arrears.handler';

export class ArrearsRunDto implements ArrearsRunResult {
  @ApiProperty({ example: '2026-11-17', description: "The clock's today the rules were applied on" }) asOf!: string;
  @ApiProperty({ description: 'Invoices that became OVERDUE' }) overdue!: number;
  @ApiProperty({ description: 'Members that became LAPSED' }) lapsed!: number;
}

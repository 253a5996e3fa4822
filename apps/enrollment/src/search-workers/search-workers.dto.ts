import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { OCCUPATION_CODES } from '@jaring/domain';
import { IsRegencyCode } from '@jaring/platform';
import { IsWorkerSearchTerm } from '../validation/field-rules';
import { PageDto } from '../validation/page.dto';
import { WORKER_STATUSES } from '../workers/worker.entity';
import { WorkerSummaryView } from '../workers/worker.view';

/** `GET /v1/workers?q=&regionCode=&status=&occupation=&limit=&offset=`: every filter optional, combined with AND. */
export class SearchWorkersDto extends PageDto {
  @ApiPropertyOptional({
    example: 'nahak',
    minLength: 2,
    maxLength: 100,
    description:
      '11 digits: the membership number; 16 digits: the NIK (both exact); otherwise words of the name, each a whole word of the ' +
      "worker's name, in any order, case and accents ignored",
  })
  @IsOptional()
  @IsWorkerSearchTerm()
  q?: string;

  @ApiPropertyOptional({ example: '5371' })
  @IsOptional()
  @IsRegencyCode()
  regionCode?: string;

  @ApiPropertyOptional({ enum: WORKER_STATUSES })
  @IsOptional()
  @IsIn(WORKER_STATUSES, { message: `$property must be one of ${WORKER_STATUSES.join(', ')}` })
  status?: string;

  @ApiPropertyOptional({ enum: OCCUPATION_CODES })
  @IsOptional()
  @IsIn(OCCUPATION_CODES as string[], { message: `$property must be one of ${OCCUPATION_CODES.join(', ')}` })
  occupation?: string;
}

export class WorkerPage {
  @ApiProperty({ type: [WorkerSummaryView] }) items!: WorkerSummaryView[];
  @ApiProperty({ description: 'workers matching the filters, on every page' }) total!: number;
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ImportErrorView {
  @ApiProperty({ example: 3, description: 'row 1 is the first data row (after the header)' }) row!: number;
  @ApiProperty({ example: 'nik' }) field!: string;
  @ApiProperty({ example: "nik's area code (digits 1-6) is not a district in the official Kemendagri list" }) reason!: string;
}

export class ImportStarterView {
  @ApiProperty({ example: 'agent-5371', description: "the credential's subject" }) subject!: string;
  @ApiProperty({ example: 'agent-5371', description: 'the client the credential was issued to' }) clientId!: string;
}

/** An import's progress: `GET /v1/worker-imports` lists these (docs/api.md, "Worker import"). */
export class WorkerImportSummaryView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['RUNNING', 'DONE', 'FAILED'] }) status!: string;
  @ApiProperty({ description: 'data rows in the file' }) total!: number;
  @ApiProperty({ description: 'rows looked at so far (enrolled + duplicates + failed)' }) processed!: number;
  @ApiProperty() enrolled!: number;
  @ApiProperty({ description: 'valid rows whose NIK was already registered (by an earlier upload, request or row)' }) duplicates!: number;
  @ApiProperty({ description: 'rows refused, each with its reasons in errors' }) failed!: number;
  @ApiProperty() receivedAt!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) finishedAt!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'why a FAILED import stopped' }) failure!: string | null;
  @ApiPropertyOptional({
    type: ImportStarterView,
    nullable: true,
    description: 'who started the import (null for imports older than the audit trail)',
  })
  startedBy!: ImportStarterView | null;
}

/** `GET /v1/worker-imports/{id}` (docs/api.md, "Worker import"): the progress and a page of the refused rows' reasons. */
export class WorkerImportView extends WorkerImportSummaryView {
  @ApiProperty({ type: [ImportErrorView], description: 'one entry per broken rule, by row; a page of them (errorsOffset, errorsLimit)' })
  errors!: ImportErrorView[];
  @ApiProperty({ description: 'all error entries of the import' }) errorsTotal!: number;
}

/** `GET /v1/worker-imports`: a page of imports, newest first. */
export class WorkerImportPage {
  @ApiProperty({ type: [WorkerImportSummaryView] }) items!: WorkerImportSummaryView[];
  @ApiProperty({ description: 'imports the caller may follow, on every page' }) total!: number;
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
}

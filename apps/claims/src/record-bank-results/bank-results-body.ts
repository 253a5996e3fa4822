import type { IncomingMessage } from 'node:http';
import { createValidationPipe, Problem, problemType, ValidationProblem, type FieldError } from '@jaring/platform';
import { COLUMN_OF_FIELD, parseBankResultsFile, rowField } from './bank-results-file';
import { RecordBankResultsDto, type BankResultLineDto } from './record-bank-results.dto';

/** The largest results file read: 1,000 lines of a batch are far below it. The JSON body's limit is the same. */
export const MAX_RESULTS_FILE_BYTES = 1024 * 1024;

/** The bank's results, from either body, validated alike. */
export interface SubmittedResults {
  results: BankResultLineDto[];
  /** How an answer names a result's field: its path in the JSON body, or its row and column in the file. */
  fieldOf: ResultFieldNamer;
}

export type ResultFieldNamer = (index: number, field: keyof typeof COLUMN_OF_FIELD) => string;

export const jsonField: ResultFieldNamer = (index, field) => `results.${index}.${field}`;
const fileField: ResultFieldNamer = (index, field) => rowField(index + 1, COLUMN_OF_FIELD[field]);

const validation = createValidationPipe();

/**
 * `POST /v1/payout-batches/{id}/results` takes the JSON body `{ results }` or the bank's own file as `text/csv`
 * (docs/api.md, "Bank results"). The file's rows are validated exactly as the JSON body's results are, each
 * error then named by its row and column (`rows.2.status`).
 */
export async function submittedResultsOf(request: IncomingMessage & { body?: unknown }): Promise<SubmittedResults> {
  const contentType = (request.headers['content-type'] ?? '').toLowerCase();
  const mediaType = contentType.split(';')[0].trim();
  if (mediaType === 'text/csv') {
    const charset = /charset="?([^";]+)"?/.exec(contentType)?.[1];
    if (charset && !/^utf-?8$/.test(charset)) throw unsupported(`the results file must be UTF-8, not ${charset}`);
    return { results: await resultsOfFile(await readText(request)), fieldOf: fileField };
  }
  const hasBody = Number(request.headers['content-length'] ?? 0) > 0 || request.headers['transfer-encoding'] !== undefined;
  if (hasBody && mediaType !== 'application/json' && !mediaType.endsWith('+json')) {
    throw unsupported(`send the results as application/json, or the bank's file as text/csv${mediaType ? `, not ${mediaType}` : ''}`);
  }
  const body = (await validation.transform(request.body ?? {}, { type: 'body', metatype: RecordBankResultsDto })) as RecordBankResultsDto;
  return { results: body.results, fieldOf: jsonField };
}

async function resultsOfFile(text: string): Promise<BankResultLineDto[]> {
  const parsed = parseBankResultsFile(text);
  if (!parsed.ok) throw new ValidationProblem(parsed.errors);
  try {
    const body = (await validation.transform(
      { results: parsed.rows },
      { type: 'body', metatype: RecordBankResultsDto },
    )) as RecordBankResultsDto;
    return body.results;
  } catch (error) {
    if (!(error instanceof ValidationProblem)) throw error;
    throw new ValidationProblem((error.errors ?? []).map(inTheFile));
  }
}

/** `results.0.lineId` → `rows.1.line_id`: the file's row (1 after the header) and column, also in the reason. */
function inTheFile(error: FieldError): FieldError {
  const match = /^results\.(\d+)\.(\w+)$/.exec(error.field);
  if (!match) return { field: error.field.replace(/^results\b/, 'rows'), reason: error.reason.replace(/^results\b/, 'rows') };
  const property = match[2] as keyof typeof COLUMN_OF_FIELD;
  return {
    field: fileField(Number(match[1]), property),
    reason: error.reason.startsWith(property) ? `${COLUMN_OF_FIELD[property]}${error.reason.slice(property.length)}` : error.reason,
  };
}

async function readText(request: IncomingMessage): Promise<string> {
  if (Number(request.headers['content-length'] ?? 0) > MAX_RESULTS_FILE_BYTES) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_RESULTS_FILE_BYTES) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const unsupported = (detail: string) => Problem.unsupportedMediaType(detail, { type: problemType('unsupported-media-type') });
const tooLarge = () =>
  Problem.payloadTooLarge(`the results file is larger than ${MAX_RESULTS_FILE_BYTES.toLocaleString('en')} bytes`, {
    type: problemType('body-too-large'),
  });

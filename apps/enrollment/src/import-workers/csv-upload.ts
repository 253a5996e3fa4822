import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Transform, type TransformCallback, type Writable } from 'node:stream';
import busboy from 'busboy';
import { Problem, problemType } from '@jaring/platform';

/** An upload whose CSV bytes flow into the sink given to `openCsvUpload`, and what is known of them at the end. */
export interface CsvUpload {
  /** Bytes and SHA-256 of the file, once the sink has received all of it. */
  summary(): { size: number; sha256: string };
  /** Stops reading the request (after a refusal); Node discards the rest of the body so the answer still gets through. */
  abandon(): void;
  /** Settles when the whole request body has been read (multipart: the parts after the file too). */
  finished: Promise<void>;
}

const TEXT_CSV = /^(text\/csv|application\/csv|text\/plain)$/;
/** What browsers and spreadsheet programs label a .csv file with, besides text/csv. */
const CSV_PART_TYPES = new Set([
  'text/csv',
  'application/csv',
  'text/plain',
  'text/x-csv',
  'text/comma-separated-values',
  'application/vnd.ms-excel',
  'application/octet-stream',
]);
const MULTIPART_OVERHEAD = 64 * 1024;

export const unsupportedMediaType = (detail: string) =>
  Problem.unsupportedMediaType(detail, { type: problemType('unsupported-import-file') });
export const importTooLarge = (detail: string) => Problem.payloadTooLarge(detail, { type: problemType('import-too-large') });

/**
 * The CSV file of a `POST /v1/worker-imports`, streamed into `sink` (the CSV parser): the `text/csv` body
 * itself, or the part named `file` of a `multipart/form-data` body (busboy). Never buffered whole: bytes
 * are counted and hashed as they pass, and past `maxBytes` the sink is destroyed with a 413 problem (a
 * binary file: 415). Any other media type is a 415 at once.
 */
export async function openCsvUpload(request: IncomingMessage, maxBytes: number, sink: Writable): Promise<CsvUpload> {
  const contentType = (request.headers['content-type'] ?? '').toLowerCase();
  const mediaType = contentType.split(';')[0].trim();
  const charset = /charset="?([^";]+)"?/.exec(contentType)?.[1];
  const declaredLength = Number(request.headers['content-length'] ?? NaN);
  if (mediaType === 'multipart/form-data') {
    if (declaredLength > maxBytes + MULTIPART_OVERHEAD) throw tooLarge(maxBytes);
    return multipartUpload(request, maxBytes, sink);
  }
  if (TEXT_CSV.test(mediaType)) {
    if (charset && !/^utf-?8$/.test(charset)) throw unsupportedMediaType(`the CSV must be UTF-8, not ${charset}`);
    if (declaredLength > maxBytes) throw tooLarge(maxBytes);
    const meter = meterInto(sink, maxBytes);
    request.pipe(meter);
    request.on('error', (error) => sink.destroy(error));
    return {
      summary: () => meter.summary(),
      abandon: () => request.unpipe(meter),
      finished: new Promise((resolve) => (request.complete ? resolve() : request.once('end', resolve).once('close', resolve))),
    };
  }
  throw unsupportedMediaType(
    `send the CSV as text/csv or as the field "file" of multipart/form-data${mediaType ? `, not ${mediaType}` : ''}`,
  );
}

function multipartUpload(request: IncomingMessage, maxBytes: number, sink: Writable): Promise<CsvUpload> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: request.headers, limits: { files: 1, fields: 20, parts: 30, fieldSize: 64 * 1024 } });
    } catch {
      reject(Problem.badRequest('malformed multipart/form-data (no boundary?)'));
      return;
    }
    const finished = new Promise<void>((done) => parser.once('close', done));
    let found = false;
    parser.on('file', (name, file, info) => {
      if (name !== 'file' || found) {
        file.resume();
        return;
      }
      found = true;
      const type = (info.mimeType ?? '').toLowerCase();
      if (type && !CSV_PART_TYPES.has(type)) {
        file.resume();
        reject(unsupportedMediaType(`the file must be a CSV file, not ${type}`));
        return;
      }
      const meter = meterInto(sink, maxBytes);
      file.pipe(meter);
      file.on('error', (error) => sink.destroy(malformedMultipart(error)));
      resolve({
        summary: () => meter.summary(),
        abandon: () => {
          file.unpipe(meter);
          file.resume();
        },
        finished,
      });
    });
    parser.on('error', (error) => {
      const problem = malformedMultipart(error);
      sink.destroy(problem); // when the file was already being read
      reject(problem);
    });
    parser.on('close', () => {
      if (!found)
        reject(
          Problem.badRequest('no file: send the CSV in a form field named "file"', {
            errors: [{ field: 'file', reason: 'file is required' }],
          }),
        );
    });
    request.pipe(parser);
  });
}

/** A meter piped into the sink, its refusals handed to the sink (whose reader sees them as the stream's error). */
function meterInto(sink: Writable, maxBytes: number): UploadMeter {
  const meter = new UploadMeter(maxBytes);
  meter.on('error', (error) => sink.destroy(error));
  meter.pipe(sink);
  return meter;
}

/** busboy's messages ("Unexpected end of form") name the structure, never the content. */
function malformedMultipart(error: unknown): Problem {
  return Problem.badRequest(`malformed multipart/form-data: ${(error as Error).message}`);
}

function tooLarge(maxBytes: number): Problem {
  return importTooLarge(`the file is larger than the limit of ${maxBytes.toLocaleString('en')} bytes`);
}

/** Counts and hashes the bytes going through; refuses a binary file (NUL bytes) and anything past the limit. */
class UploadMeter extends Transform {
  private size = 0;
  private readonly hash = createHash('sha256');

  constructor(private readonly maxBytes: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.maxBytes) return callback(tooLarge(this.maxBytes));
    if (chunk.includes(0)) return callback(unsupportedMediaType('the file is not a text CSV file (it holds binary data)'));
    this.hash.update(chunk);
    callback(null, chunk);
  }

  summary(): { size: number; sha256: string } {
    return { size: this.size, sha256: this.hash.copy().digest('hex') };
  }
}

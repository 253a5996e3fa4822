import { Readable } from 'node:stream';
import type { IncomingMessage } from 'node:http';
import { Topics } from '@jaring/contracts';
import { as } from '../../support/identity';
import { testKafka, TopicRecorder } from '../../support/kafka';
import { waitFor } from '../../support/wait-for';
import { ImportProcessor } from '../../../apps/enrollment/src/import-workers/import-processor';
import { ImportWorkersHandler } from '../../../apps/enrollment/src/import-workers/import-workers.handler';
import {
  csvOf,
  developmentCaller,
  type EnrollmentUnderTest,
  getJson,
  IMPORT_HEADER as HEADER,
  KAFKA_WAIT_MS,
  makeNik,
  nikHashOf,
  postJson,
  registration,
  startEnrollment,
} from './enrollment-test-kit';

const MAX_ROWS = 40;
const MAX_BYTES = 8000;

type Row = Record<string, unknown>;

describe('enrollment: bulk import (POST /v1/worker-imports)', () => {
  let service: EnrollmentUnderTest;
  let recorder: TopicRecorder;
  const ownNikHashes = new Set<string>();

  beforeAll(async () => {
    service = await startEnrollment('jaring_test_enrollment_import', {
      env: { IMPORT_MAX_ROWS: String(MAX_ROWS), IMPORT_MAX_BYTES: String(MAX_BYTES) },
    });
    // Imported workers' ids are not known in advance: keep registrations by this file's NIK hashes (read
    // with a regular expression: the shared topic's whole history passes through this filter).
    const nikHashOfMessage = (value: string | null) => /"nikHash":"([0-9a-f]{64})"/.exec(value ?? '')?.[1] ?? '';
    recorder = await new TopicRecorder(
      testKafka(),
      [Topics.enrollmentWorkers],
      (m) => m.headers.type === 'enrollment.worker.registered' && ownNikHashes.has(nikHashOfMessage(m.value)),
    ).start();
  });

  afterAll(async () => {
    await recorder?.stop();
    await service?.close();
  });

  function validRow(overrides: Row = {}): Row {
    const row = registration(overrides);
    ownNikHashes.add(nikHashOf(row.nik as string));
    return row;
  }

  async function upload(body: string | Buffer | FormData, contentType?: string): Promise<{ status: number; body: any; headers: Headers }> {
    const response = await fetch(`${service.baseUrl}/v1/worker-imports`, {
      method: 'POST',
      headers: { ...(contentType ? { 'content-type': contentType } : {}), ...(await as('enrollment-officer')) },
      body,
    });
    return { status: response.status, body: await response.json(), headers: response.headers };
  }

  async function finished(importId: string): Promise<any> {
    return waitFor(async () => {
      const { body } = await getJson(service.baseUrl, `/v1/worker-imports/${importId}`, await as('enrollment-officer'));
      return body.status === 'DONE' ? body : undefined;
    }, `import ${importId} done`);
  }

  async function importCount(): Promise<number> {
    const [{ n }] = await service.dataSource.query('SELECT count(*)::int AS n FROM worker_imports');
    return n;
  }

  async function stagedCount(): Promise<number> {
    const [{ n }] = await service.dataSource.query('SELECT count(*)::int AS n FROM worker_import_rows');
    return n;
  }

  const good = [
    validRow(),
    validRow({ fullName: 'Nahak, Yohanes', programs: ['JKK', 'JKM', 'JHT'], occupation: 'WEAVER', regionCode: '5301' }),
    validRow({
      birthDate: '1985-12-31',
      nik: makeNik('1985-12-31', 'F', '530104'),
      fullName: 'Maria Bili',
      declaredMonthlyIncome: 3_450_000,
    }),
  ];
  const alreadyRegistered = validRow();

  it('enrols the good rows, reports every bad one with its reasons, and counts duplicates', async () => {
    expect((await postJson(service.baseUrl, '/v1/workers', alreadyRegistered, await as('enrollment-officer'))).status).toBe(201);
    const rows: Row[] = [
      good[0],
      { ...validRow(), nik: '5371992507900001' }, // row 2: no such district
      good[1],
      { ...validRow(), birthDate: '2010-01-01', nik: makeNik('2010-01-01'), occupation: 'ASTRONAUT' }, // row 4: too young, unknown occupation
      good[2],
      { ...good[0], fullName: 'Same NIK Again' }, // row 6: a repeat of row 1
      alreadyRegistered, // row 7: registered before
      { ...validRow(), declaredMonthlyIncome: '1.500.000', programs: ['JKK'] }, // row 8
    ];
    // columns in another order than docs/api.md's, and a blank line in the middle
    const header = [...HEADER].reverse();
    const csv = csvOf(rows, header).replace(/\n(?=[^\n]*\n[^\n]*\n$)/, '\n\n');
    const accepted = await upload(csv, 'text/csv; charset=utf-8');

    expect(accepted.status).toBe(202);
    expect(accepted.body).toMatchObject({ id: expect.any(String), total: 8 });
    expect(['RUNNING', 'DONE']).toContain(accepted.body.status);
    expect(accepted.headers.get('location')).toBe(`/v1/worker-imports/${accepted.body.id}`);

    const report = await finished(accepted.body.id);
    expect(report).toMatchObject({
      status: 'DONE',
      total: 8,
      processed: 8,
      enrolled: 3,
      duplicates: 2,
      failed: 3,
      errorsTotal: report.errors.length,
      failure: null,
    });
    expect(report.errors).toEqual([
      { row: 2, field: 'nik', reason: expect.stringMatching(/not a district/) },
      { row: 4, field: 'occupation', reason: expect.stringMatching(/must be one of/) },
      { row: 4, field: 'birthDate', reason: expect.stringMatching(/at least 18/) },
      { row: 8, field: 'declaredMonthlyIncome', reason: expect.stringMatching(/whole number of rupiah/) },
      { row: 8, field: 'programs', reason: expect.stringMatching(/must include JKK and JKM/) },
    ]);

    const enrolled = await service.dataSource.query(
      'SELECT id, nik_hash, programs, declared_monthly_income::text AS income, import_id FROM workers WHERE import_id = $1',
      [accepted.body.id],
    );
    expect(enrolled.map((w: { nik_hash: string }) => w.nik_hash).sort()).toEqual(good.map((row) => nikHashOf(row.nik as string)).sort());
    const weaver = enrolled.find((w: { nik_hash: string }) => w.nik_hash === nikHashOf(good[1].nik as string));
    expect(weaver).toMatchObject({ programs: ['JKK', 'JKM', 'JHT'], income: '1500000' });
    expect((await getJson(service.baseUrl, `/v1/workers/${weaver.id}`, await as('enrollment-officer'))).body).toMatchObject({
      fullName: 'Nahak, Yohanes',
      regionCode: '5301',
      occupation: 'WEAVER',
      status: 'PENDING_PAYMENT',
    });

    // every enrolled worker announced, once; of the staged rows (personal data) only those to fix are left: the
    // refused ones and the duplicates (import-follow-up.test.ts has their file)
    await waitFor(
      () => good.every((row) => recorder.messages.some((m) => JSON.parse(m.value!).data.nikHash === nikHashOf(row.nik as string))),
      'three registered events',
      KAFKA_WAIT_MS,
    );
    expect(
      await service.dataSource.query('SELECT row_number, duplicate FROM worker_import_rows WHERE import_id = $1 ORDER BY row_number', [
        accepted.body.id,
      ]),
    ).toEqual([
      { row_number: 2, duplicate: false },
      { row_number: 4, duplicate: false },
      { row_number: 6, duplicate: true },
      { row_number: 7, duplicate: true },
      { row_number: 8, duplicate: false },
    ]);
    const [{ n }] = await service.dataSource.query(
      `SELECT count(*)::int AS n FROM outbox WHERE event_type = 'enrollment.worker.registered' AND payload->'data'->>'nikHash' = ANY($1)`,
      [good.map((row) => nikHashOf(row.nik as string))],
    );
    expect(n).toBe(3);

    // uploading the same file again enrols nobody twice
    const again = await upload(csv, 'text/csv');
    expect(again.status).toBe(202);
    expect(await finished(again.body.id)).toMatchObject({ total: 8, enrolled: 0, duplicates: 5, failed: 3 });
    const [{ workers }] = await service.dataSource.query('SELECT count(*)::int AS workers FROM workers WHERE nik_hash = ANY($1)', [
      [...good, alreadyRegistered].map((row) => nikHashOf(row.nik as string)),
    ]);
    expect(workers).toBe(4);
  });

  it('takes the file as the field "file" of multipart/form-data, and pages the errors', async () => {
    const rows = [validRow(), { ...validRow(), regionCode: '5399' }, { ...validRow(), phone: 'none' }];
    const form = new FormData();
    form.append('note', 'campaign Kupang, week 1');
    form.append('file', new Blob([csvOf(rows)], { type: 'text/csv' }), 'kupang.csv');
    const accepted = await upload(form);
    expect(accepted.status).toBe(202);
    const report = await finished(accepted.body.id);
    expect(report).toMatchObject({ total: 3, enrolled: 1, failed: 2, errorsTotal: 2 });
    const page = await getJson(
      service.baseUrl,
      `/v1/worker-imports/${accepted.body.id}?errorsOffset=1&errorsLimit=1`,
      await as('enrollment-officer'),
    );
    expect(page.body.errors).toEqual([{ row: 3, field: 'phone', reason: expect.stringMatching(/mobile number/) }]);
    expect(
      (await getJson(service.baseUrl, `/v1/worker-imports/${accepted.body.id}?errorsLimit=many`, await as('enrollment-officer'))).status,
    ).toBe(400);
  });

  it('reports a row with too many or too few fields as that row, and goes on', async () => {
    const first = validRow();
    const csv = `${csvOf([first])}5371012507900009,Too,Few\n`;
    const accepted = await upload(csv, 'text/csv');
    expect(accepted.status).toBe(202);
    const report = await finished(accepted.body.id);
    expect(report).toMatchObject({
      total: 2,
      enrolled: 1,
      failed: 1,
      errors: [{ row: 2, field: 'row', reason: 'the row has 3 fields; the header has 8' }],
    });
  });

  describe('refuses a malformed file with a clear error, and keeps nothing of it', () => {
    // what the earlier imports left: their refused rows are kept (import-follow-up.test.ts)
    let before: { imports: number; staged: number };
    const counts = async () => ({ imports: await importCount(), staged: await stagedCount() });
    beforeEach(async () => {
      before = await counts();
    });
    afterEach(async () => {
      expect(await counts()).toEqual(before);
    });

    it('wrong columns: 400 naming them', async () => {
      const answer = await upload(
        csvOf([validRow()], ['nik', 'name', 'birthDate', 'phone', 'regionCode', 'occupation', 'declaredMonthlyIncome', 'programs']),
        'text/csv',
      );
      expect(answer.status).toBe(400);
      expect(answer.body.type).toBe('https://jaring.id/problems/malformed-import-file');
      expect(answer.body.errors).toEqual([
        { field: 'header', reason: 'missing column: fullName' },
        { field: 'header', reason: 'unknown column: "nam..."' },
      ]);
    });

    it('no header (the first row is a worker): 400, without quoting the worker', async () => {
      const row = validRow();
      const answer = await upload(csvOf([row]).split('\n').slice(1).join('\n'), 'text/csv');
      expect(answer.status).toBe(400);
      expect(JSON.stringify(answer.body)).not.toContain(row.nik as string);
      expect(JSON.stringify(answer.body)).not.toContain('Nahak');
    });

    it('an empty file, or a header without rows: 400', async () => {
      expect((await upload('', 'text/csv')).status).toBe(400);
      expect((await upload(`${HEADER.join(',')}\n`, 'text/csv')).body.detail).toMatch(/no workers/);
    });

    it('not CSV: 415 for another media type, a binary file or a non-CSV part; 400 for broken quoting', async () => {
      expect((await upload(JSON.stringify([validRow()]), 'application/json')).status).toBe(415);
      expect((await upload(csvOf([validRow()]), 'text/csv; charset=iso-8859-1')).status).toBe(415);
      const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
      expect((await upload(png, 'text/csv')).status).toBe(415);
      const form = new FormData();
      form.append('file', new Blob([png], { type: 'image/png' }), 'photo.png');
      const picture = await upload(form);
      expect(picture.status).toBe(415);
      expect(picture.body.detail).toMatch(/must be a CSV file, not image\/png/);
      const broken = await upload(`${HEADER.join(',')}\n"5371012507900001,Yohanes\n`, 'text/csv');
      expect(broken.status).toBe(400);
      expect(broken.body.detail).toMatch(/not valid CSV: CSV_QUOTE_NOT_CLOSED/);
      expect(JSON.stringify(broken.body)).not.toContain('5371012507900001');
    });

    it(`too large: 413 past ${MAX_BYTES} bytes (streamed or declared) or ${MAX_ROWS} rows`, async () => {
      const rows = Array.from({ length: 100 }, () => validRow());
      const big = csvOf(rows);
      expect(Buffer.byteLength(big)).toBeGreaterThan(MAX_BYTES);
      const declared = await upload(big, 'text/csv');
      expect(declared.status).toBe(413);
      expect(declared.body.detail).toMatch(/larger than the limit of 8,000 bytes/);
      // a chunked upload has no Content-Length: the limit is found while streaming
      const streamed = await fetch(`${service.baseUrl}/v1/worker-imports`, {
        method: 'POST',
        headers: { 'content-type': 'text/csv', ...(await as('enrollment-officer')) },
        body: Readable.toWeb(Readable.from([Buffer.from(big)])) as ReadableStream,
        duplex: 'half',
      });
      expect(streamed.status).toBe(413);
      const form = new FormData();
      form.append('file', new Blob([big], { type: 'text/csv' }), 'big.csv');
      expect((await upload(form)).status).toBe(413);

      const manyShortRows = `${HEADER.join(',')}\n${Array.from({ length: MAX_ROWS + 1 }, () => ',,,,,,,').join('\n')}\n`;
      expect(Buffer.byteLength(manyShortRows)).toBeLessThan(MAX_BYTES);
      const tooMany = await upload(manyShortRows, 'text/csv');
      expect(tooMany.status).toBe(413);
      expect(tooMany.body.detail).toMatch(/more than 40 rows/);
    });

    it('a multipart body cut off before its end: 400', async () => {
      const body = `--XYZ\r\nContent-Disposition: form-data; name="file"; filename="workers.csv"\r\nContent-Type: text/csv\r\n\r\n${csvOf([validRow()])}`;
      const answer = await upload(body, 'multipart/form-data; boundary=XYZ');
      expect(answer.status).toBe(400);
      expect(answer.body.detail).toMatch(/malformed multipart\/form-data/);
    });

    it('multipart without a "file" field: 400', async () => {
      const form = new FormData();
      form.append('csv', new Blob([csvOf([validRow()])], { type: 'text/csv' }), 'workers.csv');
      const answer = await upload(form);
      expect(answer.status).toBe(400);
      expect(answer.body.errors).toEqual([{ field: 'file', reason: 'file is required' }]);
    });
  });

  it('answers 404 for an unknown import', async () => {
    expect(
      (await getJson(service.baseUrl, '/v1/worker-imports/6f1d3c52-3c39-4a8e-9d7a-1c2b3d4e5f60', await as('enrollment-officer'))).status,
    ).toBe(404);
  });

  it('resumes at start-up an import that was received but not processed (a crash after the 202)', async () => {
    const rows = [validRow(), validRow()];
    const request = Object.assign(Readable.from([Buffer.from(csvOf(rows))]), {
      headers: { 'content-type': 'text/csv' },
      complete: true,
    }) as unknown as IncomingMessage;
    const { id } = await service.app.get(ImportWorkersHandler).receive(request, new Date(), developmentCaller('enrollment-officer'));
    expect((await getJson(service.baseUrl, `/v1/worker-imports/${id}`, await as('enrollment-officer'))).body).toMatchObject({
      status: 'RUNNING',
      processed: 0,
    });
    const [{ n }] = await service.dataSource.query('SELECT count(*)::int AS n FROM worker_import_rows WHERE import_id = $1', [id]);
    expect(n).toBe(2);

    service.app.get(ImportProcessor).onApplicationBootstrap();
    expect(await finished(id)).toMatchObject({ total: 2, enrolled: 2 });
  });

  it('marks an import FAILED when its rows cannot be processed (a staged row tampered with), and keeps nothing staged', async () => {
    const rows = [validRow(), validRow()];
    const request = Object.assign(Readable.from([Buffer.from(csvOf(rows))]), {
      headers: { 'content-type': 'text/csv' },
      complete: true,
    }) as unknown as IncomingMessage;
    const { id } = await service.app.get(ImportWorkersHandler).receive(request, new Date(), developmentCaller('enrollment-officer'));
    await service.dataSource.query(
      `UPDATE worker_import_rows SET sealed = set_byte(sealed, 40, get_byte(sealed, 40) # 1) WHERE import_id = $1 AND row_number = 2`,
      [id],
    );

    service.app.get(ImportProcessor).start(id);
    const failed = await waitFor(
      async () => {
        const { body } = await getJson(service.baseUrl, `/v1/worker-imports/${id}`, await as('enrollment-officer'));
        return body.status === 'FAILED' ? body : undefined;
      },
      'the import FAILED',
      60_000,
    );
    expect(failed).toMatchObject({
      total: 2,
      enrolled: 0,
      failure: expect.stringMatching(/repeated errors/),
      finishedAt: expect.any(String),
    });
    expect(await service.dataSource.query('SELECT 1 FROM worker_import_rows WHERE import_id = $1', [id])).toHaveLength(0);
    expect(await service.dataSource.query('SELECT 1 FROM workers WHERE import_id = $1', [id])).toHaveLength(0);
  });
});

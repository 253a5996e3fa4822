import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { as } from '../../support/identity';
import { waitFor } from '../../support/wait-for';
import { FailedRowsPurge } from '../../../apps/enrollment/src/import-workers/failed-rows-purge';
import { ImportProcessor } from '../../../apps/enrollment/src/import-workers/import-processor';
import { ImportWorkersHandler } from '../../../apps/enrollment/src/import-workers/import-workers.handler';
import {
  csvOf,
  developmentCaller,
  type EnrollmentUnderTest,
  getJson,
  makeNik,
  postJson,
  registration,
  startEnrollment,
} from './enrollment-test-kit';

const PROBLEM = 'https://jaring.id/problems/';
const FAILED_ROWS_HEADER = 'nik,fullName,birthDate,phone,regionCode,occupation,declaredMonthlyIncome,programs,errors';

/**
 * Following imports after the upload (docs/api.md, "Worker import"): the list of imports, newest first, each
 * caller's own as GET /v1/worker-imports/{id} decides; the file of an import's refused rows, to fix and upload
 * again as it is, kept IMPORT_FAILED_ROWS_RETENTION_DAYS.
 */
describe('enrollment: following worker imports', () => {
  let service: EnrollmentUnderTest;

  beforeAll(async () => {
    service = await startEnrollment('jaring_test_enrollment_import_follow_up');
  });

  afterAll(async () => {
    await service?.close();
  });

  async function upload(client: string, csv: string | Uint8Array): Promise<string> {
    const response = await fetch(`${service.baseUrl}/v1/worker-imports`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', ...(await as(client)) },
      body: csv,
    });
    const body = (await response.json()) as { id: string };
    expect(response.status).toBe(202);
    return body.id;
  }

  async function finished(importId: string): Promise<any> {
    return waitFor(async () => {
      const { body } = await getJson(service.baseUrl, `/v1/worker-imports/${importId}`, await as('enrollment-officer'));
      return body.status === 'DONE' ? body : undefined;
    }, `import ${importId} done`);
  }

  describe('GET /v1/worker-imports', () => {
    // uploaded one second apart, oldest first: Kota Kupang's agent twice, Kabupaten Kupang's once, the back office once
    const started: Record<string, string> = {};

    beforeAll(async () => {
      const uploads: Array<[string, string, string]> = [
        ['kupangFirst', 'agent-5371', csvOf([registration(), registration({ regionCode: '5303' })])],
        ['kabupaten', 'agent-5303', csvOf([registration({ regionCode: '5303' })])],
        ['kupangSecond', 'agent-5371', csvOf([registration()])],
        ['office', 'enrollment-officer', csvOf([registration(), registration({ regionCode: '5303' }), registration({ phone: 'none' })])],
      ];
      for (const [name, client, csv] of uploads) {
        service.clock.advanceMs(1000);
        started[name] = await upload(client, csv);
        await finished(started[name]);
      }
    });

    const list = async (client: string, query = '') => getJson(service.baseUrl, `/v1/worker-imports${query}`, await as(client));
    const names = (items: Array<{ id: string }>) => items.map((item) => Object.keys(started).find((name) => started[name] === item.id));

    it('lists every import to the back office, newest first, with its progress and without its errors', async () => {
      for (const client of ['enrollment-officer', 'auditor']) {
        const { status, body } = await list(client);
        expect(status).toBe(200);
        expect(body).toMatchObject({ total: 4, limit: 50, offset: 0 });
        expect(names(body.items)).toEqual(['office', 'kupangSecond', 'kabupaten', 'kupangFirst']);
      }
      const { body } = await list('auditor');
      expect(body.items[0]).toEqual({
        id: started.office,
        status: 'DONE',
        total: 3,
        processed: 3,
        enrolled: 2,
        duplicates: 0,
        failed: 1,
        receivedAt: '2026-07-15T03:00:04.000Z',
        finishedAt: expect.any(String),
        failure: null,
        startedBy: { subject: 'enrollment-officer', clientId: 'enrollment-officer' },
      });
      expect(body.items[3]).toMatchObject({ total: 2, enrolled: 1, failed: 1, receivedAt: '2026-07-15T03:00:01.000Z' });
    });

    it("lists to an agent only the imports it started, as it may follow them one by one; another's are not counted", async () => {
      const kupang = await list('agent-5371');
      expect(kupang.status).toBe(200);
      expect(names(kupang.body.items)).toEqual(['kupangSecond', 'kupangFirst']);
      expect(kupang.body.total).toBe(2);
      expect(kupang.body.items.map((item: { startedBy: unknown }) => item.startedBy)).toEqual([
        { subject: 'agent-5371', clientId: 'agent-5371' },
        { subject: 'agent-5371', clientId: 'agent-5371' },
      ]);
      expect(names((await list('agent-5303')).body.items)).toEqual(['kabupaten']);
    });

    it('pages with limit and offset, the total on every page', async () => {
      const second = await list('enrollment-officer', '?limit=2&offset=1');
      expect(second.body).toMatchObject({ total: 4, limit: 2, offset: 1 });
      expect(names(second.body.items)).toEqual(['kupangSecond', 'kabupaten']);
      expect((await list('enrollment-officer', '?offset=4')).body).toEqual({ items: [], total: 4, limit: 50, offset: 4 });
    });

    it('refuses a bad page, naming each field', async () => {
      const { status, body } = await list('enrollment-officer', '?limit=0&offset=-1&status=DONE');
      expect(status).toBe(400);
      expect(body.type).toBe('https://jaring.id/problems/validation-error');
      expect(body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['limit', 'offset', 'status']);
      expect((await list('enrollment-officer', '?limit=201')).body.errors).toEqual([
        { field: 'limit', reason: 'limit must be at most 200' },
      ]);
    });
  });

  describe('GET /v1/worker-imports/{id}/failed-rows', () => {
    async function failedRows(importId: string, client = 'agent-5371') {
      const response = await fetch(`${service.baseUrl}/v1/worker-imports/${importId}/failed-rows`, { headers: await as(client) });
      const bytes = new Uint8Array(await response.arrayBuffer());
      const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
      return {
        status: response.status,
        headers: response.headers,
        bytes,
        text,
        body: /json/.test(response.headers.get('content-type') ?? '') ? JSON.parse(text) : undefined,
      };
    }

    const registered = registration({ fullName: 'Already Registered' });
    const first = registration({ fullName: 'Fransiska Mau' });
    const rows = [
      first, // 1: enrolled
      { ...registration(), nik: '5371992507900001' }, // 2: no such district
      { ...registration({ birthDate: '2010-01-01', nik: makeNik('2010-01-01') }), occupation: 'ASTRONAUT' }, // 3: too young, unknown occupation
      registration({ fullName: '=HYPERLINK("http://x.example","click")', phone: '+6281234567890' }), // 4: a formula for a name
      registered, // 5: registered before the upload
      { ...first, fullName: 'Fransiska Mau Again' }, // 6: the NIK of row 1
      registration({ declaredMonthlyIncome: '-5' }), // 7: a negative income, written as a formula would be
      registration({ regionCode: '5303' }), // 8: a region Kota Kupang's agent does not serve
    ];
    let importId: string;

    beforeAll(async () => {
      expect((await postJson(service.baseUrl, '/v1/workers', registered, await as('enrollment-officer'))).status).toBe(201);
      importId = await upload('agent-5371', csvOf(rows));
      expect(await finished(importId)).toMatchObject({ total: 8, enrolled: 1, duplicates: 2, failed: 5 });
    });

    const cells = (row: Record<string, unknown>) =>
      [
        row.nik,
        row.fullName,
        row.birthDate,
        row.phone,
        row.regionCode,
        row.occupation,
        row.declaredMonthlyIncome,
        (row.programs as string[]).join(';'),
      ].map(String);
    const line = (values: string[]) => values.map((v) => (/[",]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(',');

    it('answers the refused rows and the duplicates as CSV, values as uploaded, each with its reasons', async () => {
      const answer = await failedRows(importId);
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(answer.headers.get('content-disposition')).toBe(`attachment; filename="import-${importId}-failed-rows.csv"`);
      expect([...answer.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8's byte order mark, for spreadsheets
      const young = cells(rows[2]);
      const formula = cells(rows[3]);
      expect(answer.text.split('\r\n')).toEqual([
        `\uFEFF${FAILED_ROWS_HEADER}`,
        line([...cells(rows[1]), "nik: nik's area code (digits 1-6) is not a district in the official Kemendagri list"]),
        line([
          ...young,
          'occupation: occupation must be one of OJEK_DRIVER, ONLINE_DRIVER, COURIER, MAKEUP_ARTIST, WEAVER, CREATIVE_WORKER, MARKET_TRADER, FISHERMAN, FARMER, DOMESTIC_WORKER, OTHER; ' +
            'birthDate: the worker must be at least 18 years old on the registration date (16 on 2026-07-15)',
        ]),
        line([
          formula[0],
          `'${formula[1]}`, // =HYPERLINK(...) and +62...: behind an apostrophe
          formula[2],
          `'${formula[3]}`,
          ...formula.slice(4),
          "fullName: fullName must be a name of 1 to 100 characters: letters, spaces and . , ' - (no digits)",
        ]),
        line([...cells(registered), 'nik: already registered']),
        line([...cells(rows[5]), 'nik: already registered']),
        line([
          ...cells(rows[6]).slice(0, 6),
          "'-5",
          cells(rows[6])[7],
          'declaredMonthlyIncome: declaredMonthlyIncome must be at least 1 rupiah',
        ]),
        line([...cells(rows[7]), 'regionCode: regionCode must be a region you serve: 5371']),
        '',
      ]);
    });

    it('is taken back as it is: the same rows refused for the same reasons, and a fixed row enrolled', async () => {
      const original = await failedRows(importId);
      const again = await upload('agent-5371', original.bytes);
      expect(await finished(again)).toMatchObject({ total: 7, enrolled: 0, duplicates: 2, failed: 5 });
      expect((await failedRows(again)).text).toBe(original.text);

      const fixed = original.text.replace(`,'-5,`, ',1500000,');
      const third = await upload('agent-5371', fixed);
      expect(await finished(third)).toMatchObject({ total: 7, enrolled: 1, duplicates: 2, failed: 4 });
      const [{ n }] = await service.dataSource.query('SELECT count(*)::int AS n FROM workers WHERE import_id = $1', [third]);
      expect(n).toBe(1);
    });

    it('answers a header alone when nothing was refused', async () => {
      const clean = await upload('agent-5371', csvOf([registration()]));
      await finished(clean);
      const answer = await failedRows(clean);
      expect([answer.status, answer.text]).toEqual([200, `\uFEFF${FAILED_ROWS_HEADER}\r\n`]);
    });

    it('answers 409 import-running while the import runs, 404 for an unknown import, 400 for a malformed id', async () => {
      const request = Object.assign(Readable.from([Buffer.from(csvOf([{ ...registration(), phone: 'none' }]))]), {
        headers: { 'content-type': 'text/csv' },
        complete: true,
      }) as unknown as IncomingMessage;
      const { id } = await service.app.get(ImportWorkersHandler).receive(request, service.clock.now(), developmentCaller('agent-5371'));
      const running = await failedRows(id);
      expect([running.status, running.body.type]).toEqual([409, `${PROBLEM}import-running`]);
      service.app.get(ImportProcessor).start(id);
      await finished(id);
      expect((await failedRows(id)).text.split('\r\n')).toHaveLength(3);

      const unknown = await failedRows('6f1d3c52-3c39-4a8e-9d7a-1c2b3d4e5f60', 'enrollment-officer');
      expect([unknown.status, unknown.body.detail]).toEqual([404, 'no worker import with this id']);
      const malformed = await failedRows('not-an-id', 'enrollment-officer');
      expect(malformed.status).toBe(400);
    });

    it(`deletes the refused rows ${30} days after the import finished, then answers 410 failed-rows-purged`, async () => {
      const purge = service.app.get(FailedRowsPurge);
      const [{ finished_at: finishedAt }] = await service.dataSource.query('SELECT finished_at FROM worker_imports WHERE id = $1', [
        importId,
      ]);
      const kept = async () =>
        (await service.dataSource.query('SELECT count(*)::int AS n FROM worker_import_rows WHERE import_id = $1', [importId]))[0].n;
      expect(await kept()).toBe(7);

      // a second short of 30 days: only the list's first three imports, finished earlier, go (one refused row among them)
      service.clock.set(new Date(new Date(finishedAt).getTime() + 30 * 86_400_000 - 1000));
      expect(await purge.purge()).toEqual({ imports: 3, rows: 1 });
      expect((await failedRows(importId)).status).toBe(200);
      expect(await kept()).toBe(7);

      // 30 days: this import and the others finished in the same second (the list's last, its two uploads
      // again, the clean one, the one that ran): 1 + 7 + 7 + 6 + 0 + 1 rows
      service.clock.advanceMs(1000);
      expect(await purge.purge()).toEqual({ imports: 6, rows: 22 });
      expect(await kept()).toBe(0);
      const gone = await failedRows(importId);
      expect([gone.status, gone.body.type, gone.body.detail]).toEqual([
        410,
        `${PROBLEM}failed-rows-purged`,
        `the refused rows of this import were deleted on ${service.clock.now().toISOString().slice(0, 10)}: they are kept for a limited time after an import finishes`,
      ]);
      expect(await purge.purge()).toEqual({ imports: 0, rows: 0 });
      // the rest of the import is still told
      expect((await getJson(service.baseUrl, `/v1/worker-imports/${importId}`, await as('agent-5371'))).body).toMatchObject({
        failed: 5,
        errorsTotal: 6,
      });
    });
  });
});

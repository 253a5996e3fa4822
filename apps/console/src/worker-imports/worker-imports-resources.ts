// The enrolment campaigns' resources (enrollment): the imports, an upload, an import's refused rows a page at a
// time, and the file of its refused rows.
import type { CreateResult, GetListResult, GetManyReferenceResult, GetOneResult, RaRecord } from 'react-admin';
import { getJson, queryString, request } from '../data/http';
import { pageOf, type Page, type ResourceArea } from '../data/resources';

/** The largest pages the routes answer (docs/api.md). */
const LARGEST_PAGE = { imports: 200, errors: 10_000 } as const;

interface ImportError {
  row: number;
  field: string;
  reason: string;
}

interface WorkerImport extends RaRecord {
  errors: ImportError[];
  errorsTotal: number;
}

const path = (id: unknown) => encodeURIComponent(String(id));

export const workerImportsResources: ResourceArea = ({ apis: { enrollment }, token }) => {
  /** The import's status with a page of its errors (`errorsLimit` 0: the status alone). */
  const importOf = (id: unknown, errorsOffset: number, errorsLimit: number) =>
    getJson<WorkerImport>(`${enrollment}/v1/worker-imports/${path(id)}${queryString({ errorsOffset, errorsLimit })}`, token);

  return {
    'worker-imports': {
      async getList(_resource, params): Promise<GetListResult> {
        const { limit, offset } = pageOf(params.pagination, LARGEST_PAGE.imports);
        const { body } = await getJson<Page<RaRecord>>(`${enrollment}/v1/worker-imports${queryString({ limit, offset })}`, token);
        return { data: body.items, total: body.total };
      },
      async getOne(_resource, params): Promise<GetOneResult> {
        // the refused rows are read a page at a time, as worker-import-errors
        const { body } = await importOf(params.id, 0, 0);
        const { errors: _none, ...status } = body;
        return { data: status };
      },
      /** `{ file }`: the CSV as it is, as a `text/csv` body; answers the import just started. */
      async create(_resource, params): Promise<CreateResult> {
        const { file } = params.data as { file: Blob };
        const { body } = await request<RaRecord>('POST', `${enrollment}/v1/worker-imports`, { token, body: file, contentType: 'text/csv' });
        return { data: body };
      },
    },
    'worker-import-errors': {
      async getManyReference(_resource, params): Promise<GetManyReferenceResult> {
        if (params.target !== 'importId') throw new Error(`no import errors by ${params.target}`);
        const { limit, offset } = pageOf(params.pagination, LARGEST_PAGE.errors);
        const { body } = await importOf(params.id, offset, limit);
        // a row may break several rules: its place in the whole list tells the entries apart
        return { data: body.errors.map((error, index) => ({ ...error, id: offset + index })), total: body.errorsTotal };
      },
    },
    'worker-import-failed-rows': {
      /** `{ id, file }`: the refused rows as uploaded plus their reasons, a CSV file to correct and upload again. */
      async getOne(_resource, params): Promise<GetOneResult> {
        const { body } = await request<Blob>('GET', `${enrollment}/v1/worker-imports/${path(params.id)}/failed-rows`, {
          token,
          answer: 'file',
        });
        return { data: { id: params.id, file: body } };
      },
    },
  };
};

// The workers area's resources: workers (enrollment), a worker's coverage and invoices (contributions).
import type { GetListResult, GetManyReferenceResult, GetOneResult, RaRecord } from 'react-admin';
import { getJson, queryString } from '../data/http';
import { pageOf, type Page, type ResourceArea } from '../data/resources';

/** The largest page each list answers (docs/api.md): the console never asks for more. */
const LARGEST_PAGE = { workers: 200, invoices: 500 } as const;

export const workersResources: ResourceArea = ({ apis: { enrollment, contributions }, token }) => ({
  workers: {
    async getList(_resource, params): Promise<GetListResult> {
      const filter = params.filter as { regionCode?: string; status?: string };
      const { limit, offset } = pageOf(params.pagination, LARGEST_PAGE.workers);
      const { body } = await getJson<Page<RaRecord>>(
        `${enrollment}/v1/workers${queryString({ regionCode: filter.regionCode, status: filter.status, limit, offset })}`,
        token,
      );
      return { data: body.items, total: body.total };
    },
    async getOne(_resource, params): Promise<GetOneResult> {
      return { data: (await getJson<RaRecord>(`${enrollment}/v1/workers/${encodeURIComponent(String(params.id))}`, token)).body };
    },
  },
  coverage: {
    async getOne(_resource, params): Promise<GetOneResult> {
      // the coverage answer is about a worker: the worker's id is its id
      const { body } = await getJson<Record<string, unknown>>(
        `${contributions}/v1/workers/${encodeURIComponent(String(params.id))}/coverage`,
        token,
      );
      return { data: { ...body, id: params.id } };
    },
  },
  invoices: {
    async getManyReference(_resource, params): Promise<GetManyReferenceResult> {
      if (params.target !== 'workerId') throw new Error(`no invoices by ${params.target}`);
      const { limit, offset } = pageOf(params.pagination, LARGEST_PAGE.invoices);
      const { body } = await getJson<Page<RaRecord>>(
        `${contributions}/v1/workers/${encodeURIComponent(String(params.id))}/invoices${queryString({ limit, offset })}`,
        token,
      );
      return { data: body.items, total: body.total };
    },
  },
});

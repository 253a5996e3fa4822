// react-admin's DataProvider over the services' REST APIs: each resource the console shows is one service's
// route, paged on the server with `limit` and `offset` (docs/api.md, "Lists"). What no screen uses yet says so.
import type { DataProvider, GetListResult, GetManyReferenceResult, GetOneResult, RaRecord } from 'react-admin';
import type { ConsoleConfig } from '../config';
import { getJson, queryString, type TokenSource } from './http';

interface Page<T> {
  items: T[];
  total: number;
}

/** The largest page each list answers (docs/api.md): the console never asks for more. */
const LARGEST_PAGE = { workers: 200, invoices: 500 } as const;

function pageOf(pagination: { page: number; perPage: number } | undefined, largest: number): { limit: number; offset: number } {
  const perPage = Math.min(pagination?.perPage ?? 25, largest);
  return { limit: perPage, offset: ((pagination?.page ?? 1) - 1) * perPage };
}

export function createDataProvider(config: ConsoleConfig, token: TokenSource): DataProvider {
  const { enrollment, contributions } = config.apis;
  const unsupported = (what: string) => () => Promise.reject(new Error(`the console does not ${what} yet`));

  return {
    async getList(resource, params): Promise<GetListResult> {
      if (resource !== 'workers') throw new Error(`no list of ${resource}`);
      const filter = params.filter as { regionCode?: string; status?: string };
      const { limit, offset } = pageOf(params.pagination, LARGEST_PAGE.workers);
      const { body } = await getJson<Page<RaRecord>>(
        `${enrollment}/v1/workers${queryString({ regionCode: filter.regionCode, status: filter.status, limit, offset })}`,
        token,
      );
      return { data: body.items, total: body.total };
    },

    async getOne(resource, params): Promise<GetOneResult> {
      const id = encodeURIComponent(String(params.id));
      if (resource === 'workers') return { data: (await getJson<RaRecord>(`${enrollment}/v1/workers/${id}`, token)).body };
      if (resource === 'coverage') {
        // the coverage answer is about a worker: the worker's id is its id
        const { body } = await getJson<Record<string, unknown>>(`${contributions}/v1/workers/${id}/coverage`, token);
        return { data: { ...body, id: params.id } };
      }
      throw new Error(`no ${resource} to read`);
    },

    async getManyReference(resource, params): Promise<GetManyReferenceResult> {
      if (resource !== 'invoices' || params.target !== 'workerId') throw new Error(`no ${resource} by ${params.target}`);
      const { limit, offset } = pageOf(params.pagination, LARGEST_PAGE.invoices);
      const { body } = await getJson<Page<RaRecord>>(
        `${contributions}/v1/workers/${encodeURIComponent(String(params.id))}/invoices${queryString({ limit, offset })}`,
        token,
      );
      return { data: body.items, total: body.total };
    },

    getMany: unsupported('read several records at once'),
    create: unsupported('create records'),
    update: unsupported('change records'),
    updateMany: unsupported('change records'),
    delete: unsupported('delete records'),
    deleteMany: unsupported('delete records'),
  };
}

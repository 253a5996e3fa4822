// The workers area's resources: workers, their deregistration and their death (enrollment), a worker's coverage, coverage
// month by month, invoices and payments (contributions).
import type { CreateResult, GetListResult, GetManyReferenceResult, GetOneResult, RaRecord } from 'react-admin';
import { getJson, queryString, request } from '../data/http';
import { pageOf, type Page, type ResourceArea } from '../data/resources';

/** The largest page each list answers (docs/api.md): the console never asks for more. */
const LARGEST_PAGE = { workers: 200, invoices: 500, payments: 500 } as const;

const path = (id: unknown) => encodeURIComponent(String(id));

export const workersResources: ResourceArea = ({ apis: { enrollment, contributions }, token }) => {
  /** A page of one of a worker's lists at contributions (`/v1/workers/{id}/<list>`). */
  async function workerList(
    list: 'invoices' | 'payments',
    params: { target: string; id: unknown; pagination: { page: number; perPage: number } },
  ) {
    if (params.target !== 'workerId') throw new Error(`no ${list} by ${params.target}`);
    const { limit, offset } = pageOf(params.pagination, LARGEST_PAGE[list]);
    const { body } = await getJson<Page<RaRecord>>(
      `${contributions}/v1/workers/${path(params.id)}/${list}${queryString({ limit, offset })}`,
      token,
    );
    return { data: body.items, total: body.total };
  }

  return {
    workers: {
      async getList(_resource, params): Promise<GetListResult> {
        // q: a membership number, a NIK or words of the name (the service tells which)
        const filter = params.filter as { q?: string; regionCode?: string; status?: string };
        const { limit, offset } = pageOf(params.pagination, LARGEST_PAGE.workers);
        const { body } = await getJson<Page<RaRecord>>(
          `${enrollment}/v1/workers${queryString({ q: filter.q?.trim(), regionCode: filter.regionCode, status: filter.status, limit, offset })}`,
          token,
        );
        return { data: body.items, total: body.total };
      },
      async getOne(_resource, params): Promise<GetOneResult> {
        return { data: (await getJson<RaRecord>(`${enrollment}/v1/workers/${path(params.id)}`, token)).body };
      },
    },
    deregistrations: {
      /** `{ workerId, reason }`: answers the worker as it is now (DEREGISTERED). */
      async create(_resource, params): Promise<CreateResult> {
        const { workerId, reason } = params.data as { workerId: string; reason: string };
        const { body } = await request<RaRecord>('POST', `${enrollment}/v1/workers/${path(workerId)}/deregistration`, {
          token,
          body: { reason },
        });
        return { data: body };
      },
    },
    deaths: {
      /** `{ workerId, diedOn, deathCertificateNumber, idempotencyKey }`: answers the worker as it is now (DECEASED). */
      async create(_resource, params): Promise<CreateResult> {
        const { workerId, diedOn, deathCertificateNumber, idempotencyKey } = params.data as {
          workerId: string;
          diedOn: string;
          deathCertificateNumber: string;
          idempotencyKey: string;
        };
        const { body } = await request<RaRecord>('POST', `${enrollment}/v1/workers/${path(workerId)}/death`, {
          token,
          body: { diedOn, deathCertificateNumber },
          idempotencyKey,
        });
        return { data: body };
      },
    },
    coverage: {
      async getOne(_resource, params): Promise<GetOneResult> {
        // the coverage answer is about a worker: the worker's id is its id
        const { body } = await getJson<Record<string, unknown>>(`${contributions}/v1/workers/${path(params.id)}/coverage`, token);
        return { data: { ...body, id: params.id } };
      },
    },
    'coverage-timeline': {
      /** A worker's months `meta.from` to `meta.to` (`YYYY-MM`), each covered or not and who paid it. */
      async getOne(_resource, params): Promise<GetOneResult> {
        const { from, to } = params.meta as { from: string; to: string };
        const { body } = await getJson<Record<string, unknown>>(
          `${contributions}/v1/workers/${path(params.id)}/coverage-timeline${queryString({ from, to })}`,
          token,
        );
        return { data: { ...body, id: params.id } };
      },
    },
    invoices: {
      getManyReference: (_resource, params): Promise<GetManyReferenceResult> => workerList('invoices', params),
    },
    payments: {
      getManyReference: (_resource, params): Promise<GetManyReferenceResult> => workerList('payments', params),
    },
  };
};

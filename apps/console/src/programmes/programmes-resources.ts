// The programmes area's resources, all from the subsidies service: programmes (their budget figures), a
// programme's impact report, and funders (a programme's funder by name, the list's filter). A funder's staff
// get their own funder's only: the service decides that.
import type { GetListResult, GetManyResult, GetOneResult, RaRecord } from 'react-admin';
import { getJson, queryString } from '../data/http';
import { pageOf, type Page, type ResourceArea } from '../data/resources';

/** The largest page each list answers (docs/api.md): the console never asks for more. */
const LARGEST_PAGE = { programmes: 500, funders: 500 } as const;

export const programmesResources: ResourceArea = ({ apis: { subsidies }, token }) => {
  const one = async (path: string): Promise<RaRecord> => (await getJson<RaRecord>(`${subsidies}${path}`, token)).body;
  const funder = (id: RaRecord['id']) => one(`/v1/funders/${encodeURIComponent(String(id))}`);
  return {
    programmes: {
      async getList(_resource, params): Promise<GetListResult> {
        const filter = params.filter as { funderId?: string };
        const { limit, offset } = pageOf(params.pagination, LARGEST_PAGE.programmes);
        const { body } = await getJson<Page<RaRecord>>(
          `${subsidies}/v1/programmes${queryString({ funderId: filter.funderId, limit, offset })}`,
          token,
        );
        return { data: body.items, total: body.total };
      },
      async getOne(_resource, params): Promise<GetOneResult> {
        return { data: await one(`/v1/programmes/${encodeURIComponent(String(params.id))}`) };
      },
    },
    'programme-reports': {
      async getOne(_resource, params): Promise<GetOneResult> {
        // the report is about a programme: the programme's id is its id
        const report = await one(`/v1/programmes/${encodeURIComponent(String(params.id))}/report`);
        return { data: { ...report, id: params.id } };
      },
    },
    funders: {
      async getList(_resource, params): Promise<GetListResult> {
        const { limit, offset } = pageOf(params.pagination, LARGEST_PAGE.funders);
        const { body } = await getJson<Page<RaRecord>>(`${subsidies}/v1/funders${queryString({ limit, offset })}`, token);
        return { data: body.items, total: body.total };
      },
      async getOne(_resource, params): Promise<GetOneResult> {
        return { data: await funder(params.id) };
      },
      async getMany(_resource, params): Promise<GetManyResult> {
        // the funders of a page of programmes: a few, each asked for once
        return { data: await Promise.all([...new Set(params.ids)].map(funder)) };
      },
    },
  };
};

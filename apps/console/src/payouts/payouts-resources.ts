// The payouts area's resources (the claims service): payout batches (made, read, answered by the bank's results
// file), a batch's bank file, and the payout ledger.
import type { CreateResult, GetListResult, GetOneResult, RaRecord, UpdateResult } from 'react-admin';
import { getJson, queryString, request } from '../data/http';
import { pageOf, type Page, type ResourceArea } from '../data/resources';

/** The largest page of batches (docs/api.md): the console never asks for more. */
const LARGEST_PAGE = 200;

/**
 * Money-moving writes carry the `Idempotency-Key` their screen chose for the action (the same key for a retry of
 * it), in their data: react-admin keys its cache by `meta`, so a key there would leave the page's record stale.
 */
export interface IdempotentWrite {
  idempotencyKey: string;
}

/** What `update('payout-batches', ...)` sends: the bank's results file, as the bank wrote it. */
export interface ResultsUpload extends IdempotentWrite {
  resultsFile: Blob;
}

/** The import's outcome, kept beside the batch it changed (POST .../results answers both). */
export interface ResultsImport {
  applied: number;
  unchanged: number;
}

function idempotencyKeyOf(data: unknown): string {
  const key = (data as Partial<IdempotentWrite> | undefined)?.idempotencyKey;
  if (typeof key !== 'string' || !key) throw new Error('a payout write needs the idempotency key of its action');
  return key;
}

export const payoutsResources: ResourceArea = ({ apis: { claims }, token }) => {
  const batchUrl = (id: unknown) => `${claims}/v1/payout-batches/${encodeURIComponent(String(id))}`;
  return {
    'payout-batches': {
      async getList(_resource, params): Promise<GetListResult> {
        const { limit, offset } = pageOf(params.pagination, LARGEST_PAGE);
        const { body } = await getJson<Page<RaRecord>>(`${claims}/v1/payout-batches${queryString({ limit, offset })}`, token);
        return { data: body.items, total: body.total };
      },
      async getOne(_resource, params): Promise<GetOneResult> {
        return { data: (await getJson<RaRecord>(batchUrl(params.id), token)).body };
      },
      async create(_resource, params): Promise<CreateResult> {
        const answer = await request<RaRecord>('POST', `${claims}/v1/payout-batches`, {
          token,
          idempotencyKey: idempotencyKeyOf(params.data),
        });
        return { data: answer.body };
      },
      async update(_resource, params): Promise<UpdateResult> {
        const { resultsFile } = params.data as ResultsUpload;
        const answer = await request<ResultsImport & { batch: RaRecord }>('POST', `${batchUrl(params.id)}/results`, {
          token,
          body: resultsFile,
          contentType: 'text/csv',
          idempotencyKey: idempotencyKeyOf(params.data),
        });
        const { batch, applied, unchanged } = answer.body;
        return { data: { ...batch, lastImport: { applied, unchanged } satisfies ResultsImport } };
      },
    },
    'payout-bank-files': {
      // the bank transfer file of a batch, as the service wrote it (CSV)
      async getOne(_resource, params): Promise<GetOneResult> {
        const { body } = await request<string>('GET', `${batchUrl(params.id)}/file`, { token, answer: 'text' });
        return { data: { id: params.id, csv: body } };
      },
    },
    'payout-ledger': {
      // one ledger: its balances per account
      async getOne(_resource, params): Promise<GetOneResult> {
        const { body } = await getJson<Record<string, unknown>>(`${claims}/v1/payout-ledger`, token);
        return { data: { ...body, id: params.id } };
      },
    },
  };
};

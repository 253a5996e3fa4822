// The claims area's resources (the claims service): the queue of open claims, a claim, and the decisions on it.
import type { GetListResult, GetOneResult, RaRecord, UpdateResult } from 'react-admin';
import { getJson, queryString, request } from '../data/http';
import { pageOf, type Page, type ResourceArea } from '../data/resources';

/** The largest page of the queue (docs/api.md): the console never asks for more. */
const LARGEST_PAGE = 500;

/** The decisions a claim may offer (its `availableActions`, decided by the service for the caller). */
export type ClaimAction =
  | 'record-documents'
  | 'verify'
  | 'approve'
  | 'reject'
  | 'correct-bank-account'
  // a claim recorded ineligible decided again on today's facts
  | 'reassess';

/** The claim answer of GET /v1/claims/{id} (docs/api.md, "Claim answer"). */
export interface Claim {
  id: string;
  workerId: string;
  type: string;
  kind: string;
  incidentDate: string;
  submittedOn: string;
  status: string;
  claimant: { relationship: string; bankAccount: string };
  /** `awaitingFacts`: while PENDING_FACTS, the facts the claim waits for (WORKER, HEIRS, COVERAGE). */
  eligibility: { eligible: boolean; reasons: Array<{ code: string; message: string }>; awaitingFacts?: string[] };
  benefit: {
    total: number;
    components: Array<{ code: string; name: string; amount: number; rule: string }>;
    scholarship?: { eligible: boolean; maxChildren: number; maxPerChild: number; rule: string };
  };
  documents: { received: string[]; missing: string[]; completeOn: string | null };
  dueOn: string | null;
  payoutHold: string | null;
  /** Approvals needed and received once verified: two above the service's configured amount (four eyes). */
  approvals: { required: number; received: number } | null;
  rejectionReason: string | null;
  payment: { paidOn: string; amount: number; latePenalty: number } | null;
  history: Array<{ at: string; action: string; status: string | null; reason: string | null }>;
  availableActions: ClaimAction[];
}

/** What a decision sends: `update('claims', { id, data: decision })`; the answer is the claim afterwards. */
export type ClaimDecision =
  | { action: 'record-documents'; documents: string[] }
  | { action: 'verify' | 'approve'; note?: string }
  | { action: 'reject'; reason: string }
  | { action: 'correct-bank-account'; bankAccount: { bankCode: string; accountNumber: string; accountName: string } }
  | { action: 'reassess'; note?: string };

/** Each decision's route and body (docs/api.md, "claims"). */
function routeOf(decision: ClaimDecision): { method: string; path: string; body: unknown } {
  switch (decision.action) {
    case 'record-documents':
      return { method: 'POST', path: 'documents', body: { documents: decision.documents } };
    case 'verify':
      return { method: 'POST', path: 'verification', body: decision.note ? { note: decision.note } : {} };
    case 'approve':
      return { method: 'POST', path: 'approval', body: decision.note ? { note: decision.note } : {} };
    case 'reject':
      return { method: 'POST', path: 'rejection', body: { reason: decision.reason } };
    case 'correct-bank-account':
      return { method: 'PATCH', path: 'bank-account', body: decision.bankAccount };
    case 'reassess':
      return { method: 'POST', path: 'reassessment', body: decision.note ? { note: decision.note } : {} };
  }
}

export const claimsResources: ResourceArea = ({ apis: { claims }, token }) => ({
  claims: {
    async getList(_resource, params): Promise<GetListResult> {
      const filter = params.filter as { type?: string; status?: string; regionCode?: string };
      const { limit, offset } = pageOf(params.pagination, LARGEST_PAGE);
      const query = queryString({ type: filter.type, status: filter.status, regionCode: filter.regionCode, limit, offset });
      const { body } = await getJson<Page<RaRecord>>(`${claims}/v1/claims${query}`, token);
      return { data: body.items, total: body.total };
    },
    async getOne(_resource, params): Promise<GetOneResult> {
      return { data: (await getJson<RaRecord>(`${claims}/v1/claims/${encodeURIComponent(String(params.id))}`, token)).body };
    },
    async update(_resource, params): Promise<UpdateResult> {
      const { method, path, body } = routeOf(params.data as ClaimDecision);
      const answer = await request<RaRecord>(method, `${claims}/v1/claims/${encodeURIComponent(String(params.id))}/${path}`, {
        token,
        body,
      });
      return { data: answer.body };
    },
  },
});

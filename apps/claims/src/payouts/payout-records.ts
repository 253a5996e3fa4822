import type { BenefitComponent } from '@jaring/domain';

/** Most claims in one batch (one bank file). */
export const MAX_BATCH_LINES = 1000;

/** A line waits for the bank (PENDING), is PAID or FAILED, and a PAID line may be RETURNED by the bank later. */
export type PayoutLineStatus = 'PENDING' | 'PAID' | 'FAILED' | 'RETURNED';

export interface PayoutBatchRecord {
  id: string;
  createdOn: string;
  /** The instant the batch was made (ISO 8601, UTC). */
  createdAt: string;
  createdBy: string;
  status: 'OPEN' | 'SETTLED';
  lineCount: number;
  total: number;
}

export interface PayoutLineRecord {
  id: string;
  batchId: string;
  lineNo: number;
  claimId: string;
  workerId: string;
  benefitAmount: number;
  latePenalty: number;
  daysLate: number;
  amount: number;
  components: BenefitComponent[];
  bankAccountSealed: Buffer;
  status: PayoutLineStatus;
  failureReason: string | null;
  bankReference: string | null;
  /** The bank's reason for giving back a paid transfer, and when it was recorded (RETURNED lines only). */
  returnReason?: string | null;
  returnedAt?: string | null;
}

/** One entry of a batch's own record of who did what (`payout_batch_trail`): made, file downloaded, results imported. */
export interface BatchTrailEntry {
  at: string;
  /** The caller's subject at the identity provider, never a name. */
  actor: string;
  actorClientId: string | null;
  action: 'BATCH_CREATED' | 'FILE_DOWNLOADED' | 'RESULTS_IMPORTED';
  details: Record<string, unknown>;
}

const VIEWED_LINE_FIELDS = [
  'id',
  'lineNo',
  'claimId',
  'workerId',
  'benefitAmount',
  'latePenalty',
  'daysLate',
  'amount',
  'status',
  'failureReason',
  'returnReason',
  'returnedAt',
] as const;
type ViewedLineField = (typeof VIEWED_LINE_FIELDS)[number];

/** A batch as the API shows it: no account numbers (they are in the bank file only). */
export interface PayoutBatchView {
  id: string;
  status: string;
  createdOn: string;
  createdAt: string;
  /** The batch's maker (a subject): the bank's results are imported by someone else. */
  createdBy: string;
  lineCount: number;
  total: number;
  lines: Array<Pick<PayoutLineRecord, ViewedLineField>>;
  /** Who did what with the batch, in order. */
  trail: BatchTrailEntry[];
}

export function batchView(
  batch: PayoutBatchRecord,
  lines: readonly PayoutLineRecord[],
  trail: readonly BatchTrailEntry[],
): PayoutBatchView {
  return {
    id: batch.id,
    status: batch.status,
    createdOn: batch.createdOn,
    createdAt: batch.createdAt,
    createdBy: batch.createdBy,
    lineCount: batch.lineCount,
    total: batch.total,
    lines: lines.map(
      (line) =>
        Object.fromEntries(VIEWED_LINE_FIELDS.map((field) => [field, line[field] ?? null])) as Pick<PayoutLineRecord, ViewedLineField>,
    ),
    trail: [...trail],
  };
}

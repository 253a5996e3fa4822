import type { BenefitComponent } from '@jaring/domain';

/** Most claims in one batch (one bank file). */
export const MAX_BATCH_LINES = 1000;

export type PayoutLineStatus = 'PENDING' | 'PAID' | 'FAILED';

/** A claim's own transfer, or (its claim already paid) contributions refunded after the death, paid to the same account. */
export type PayoutLineKind = 'CLAIM' | 'CONTRIBUTION_REFUND';

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
  kind: PayoutLineKind;
  claimId: string;
  workerId: string;
  benefitAmount: number;
  latePenalty: number;
  daysLate: number;
  /** Contributions refunded after the death, paid with this line (a component of their own); 0 when none. */
  refundAmount: number;
  /** benefitAmount + latePenalty + refundAmount. */
  amount: number;
  components: BenefitComponent[];
  bankAccountSealed: Buffer;
  status: PayoutLineStatus;
  failureReason: string | null;
  bankReference: string | null;
}

const VIEWED_LINE_FIELDS = [
  'id',
  'lineNo',
  'kind',
  'claimId',
  'workerId',
  'benefitAmount',
  'latePenalty',
  'daysLate',
  'refundAmount',
  'amount',
  'status',
  'failureReason',
] as const;
type ViewedLineField = (typeof VIEWED_LINE_FIELDS)[number];

/** A batch as the API shows it: no account numbers (they are in the bank file only). */
export interface PayoutBatchView {
  id: string;
  status: string;
  createdOn: string;
  createdAt: string;
  lineCount: number;
  total: number;
  lines: Array<Pick<PayoutLineRecord, ViewedLineField>>;
}

export function batchView(batch: PayoutBatchRecord, lines: readonly PayoutLineRecord[]): PayoutBatchView {
  return {
    id: batch.id,
    status: batch.status,
    createdOn: batch.createdOn,
    createdAt: batch.createdAt,
    lineCount: batch.lineCount,
    total: batch.total,
    lines: lines.map(
      (line) => Object.fromEntries(VIEWED_LINE_FIELDS.map((field) => [field, line[field]])) as Pick<PayoutLineRecord, ViewedLineField>,
    ),
  };
}

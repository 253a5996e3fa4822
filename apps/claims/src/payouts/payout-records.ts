import type { BenefitComponent } from '@jaring/domain';

/** Most claims in one batch (one bank file). */
export const MAX_BATCH_LINES = 1000;

export type PayoutLineStatus = 'PENDING' | 'PAID' | 'FAILED';

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

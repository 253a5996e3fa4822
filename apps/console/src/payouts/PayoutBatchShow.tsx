// A payout batch: its control total (the bank file's TOTAL row), the lines with their claims and what the bank
// answered, and for finance the bank file to download and the bank's results to upload.
import Chip from '@mui/material/Chip';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { Link, ListButton, Show, TopToolbar, useRecordContext, useShowContext, useTranslate } from 'react-admin';
import { useHasRole } from '../auth/use-role';
import { calendarDate, rupiah } from '../i18n/format';
import { useLocale } from '../layout/fields';
import { ProblemPanel } from '../layout/ProblemPanel';
import { DownloadBankFileButton, UploadResultsButton } from './BankFileButtons';

/** A batch as GET /v1/payout-batches/{id} answers it (no account numbers: they are in the bank file only). */
interface PayoutBatch {
  id: string;
  status: string;
  createdAt: string;
  lineCount: number;
  total: number;
  lines: Array<{
    id: string;
    lineNo: number;
    claimId: string;
    amount: number;
    latePenalty: number;
    status: string;
    failureReason: string | null;
  }>;
}

function ShowError() {
  const { error } = useShowContext();
  return <ProblemPanel error={error} />;
}

function Lines({ batch }: { batch: PayoutBatch }) {
  const translate = useTranslate();
  const word = (key: string) => translate(`jaring.payouts.lines.${key}`);
  return (
    <Table size="small" data-testid="payout-lines">
      <TableHead>
        <TableRow>
          <TableCell>{word('line_no')}</TableCell>
          <TableCell>{word('claim')}</TableCell>
          <TableCell align="right">{word('amount')}</TableCell>
          <TableCell align="right">{word('late_penalty')}</TableCell>
          <TableCell>{word('status')}</TableCell>
          <TableCell>{word('failure')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {batch.lines.map((line) => (
          <TableRow key={line.id} data-testid={`line-${line.lineNo}`}>
            <TableCell>{line.lineNo}</TableCell>
            <TableCell>
              <Link to={`/claims/${line.claimId}/show`}>
                {translate('jaring.claims.reference', { reference: line.claimId.slice(0, 8) })}
              </Link>
            </TableCell>
            <TableCell align="right">{rupiah(line.amount)}</TableCell>
            <TableCell align="right">{rupiah(line.latePenalty)}</TableCell>
            <TableCell data-testid={`line-${line.lineNo}-status`}>
              {translate(`jaring.payouts.line_statuses.${line.status}`, { _: line.status })}
            </TableCell>
            <TableCell>{line.failureReason ?? ''}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function BatchPage() {
  // react-admin keeps each list item as the record of its id: shown at once from the list, it has no lines (its
  // `lines` are counts) until the batch itself has come
  const { record: batch } = useShowContext<PayoutBatch>();
  const translate = useTranslate();
  const locale = useLocale();
  const finance = useHasRole('finance');
  if (!batch || !Array.isArray(batch.lines)) return <LinearProgress />;
  const count = (status: string) => batch.lines.filter((line) => line.status === status).length;
  return (
    <Stack spacing={2} sx={{ p: 2 }}>
      <Stack direction="row" spacing={2} alignItems="center">
        <Typography variant="h5" component="h1">
          {translate('jaring.payouts.reference', { reference: batch.id.slice(0, 8) })}
        </Typography>
        <Chip
          data-testid="batch-status"
          color={batch.status === 'SETTLED' ? 'success' : 'primary'}
          label={translate(`jaring.payouts.statuses.${batch.status}`, { _: batch.status })}
        />
      </Stack>
      <Typography variant="body2">
        {translate('resources.payout-batches.fields.createdAt')}: {calendarDate(batch.createdAt, locale)} {batch.createdAt.slice(11, 16)}{' '}
        UTC
      </Typography>
      <Typography variant="h6" data-testid="control-total">
        {translate('jaring.payouts.control_total', { smart_count: batch.lineCount, amount: rupiah(batch.total) })}
      </Typography>
      <Typography variant="body2" data-testid="line-counts">
        {translate('jaring.payouts.counts', { paid: count('PAID'), failed: count('FAILED'), pending: count('PENDING') })}
      </Typography>
      {finance ? (
        <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} alignItems="flex-start">
          <DownloadBankFileButton batchId={batch.id} />
          <UploadResultsButton batch={batch} />
        </Stack>
      ) : null}
      <Lines batch={batch} />
    </Stack>
  );
}

function Actions() {
  return (
    <TopToolbar>
      <ListButton label="jaring.payouts.back" />
    </TopToolbar>
  );
}

/** `Batch 1a2b3c4d` in the app bar, as in the list. */
function BatchTitle() {
  const batch = useRecordContext<{ id: string }>();
  const translate = useTranslate();
  return <>{batch ? translate('jaring.payouts.reference', { reference: batch.id.slice(0, 8) }) : ''}</>;
}

export function PayoutBatchShow() {
  return (
    <Show title={<BatchTitle />} actions={<Actions />} error={<ShowError />} queryOptions={{ onError: () => undefined }}>
      <BatchPage />
    </Show>
  );
}

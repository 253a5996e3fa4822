// A payout batch: its control total (the bank file's TOTAL row), the lines with their claims and what the bank
// answered (returns included), its record of who did what, and for finance the bank file to download and the bank's
// results to upload (by another person than the batch's maker: four eyes).
import Alert from '@mui/material/Alert';
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
import { useHasRole, useSubject } from '../auth/use-role';
import { calendarDate, rupiah } from '../i18n/format';
import { useLocale } from '../layout/fields';
import { ProblemPanel } from '../layout/ProblemPanel';
import { DownloadBankFileButton, UploadResultsButton } from './BankFileButtons';

/** A batch as GET /v1/payout-batches/{id} answers it (no account numbers: they are in the bank file only). */
interface PayoutBatch {
  id: string;
  status: string;
  createdAt: string;
  createdBy: string;
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
    returnReason: string | null;
  }>;
  trail: Array<{ at: string; actor: string; action: string }>;
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
            <TableCell data-testid={`line-${line.lineNo}-reason`}>{line.failureReason ?? line.returnReason ?? ''}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** Who did what with the batch: made it, downloaded its file, imported the bank's results. */
function Trail({ batch }: { batch: PayoutBatch }) {
  const translate = useTranslate();
  const locale = useLocale();
  return (
    <Stack spacing={1}>
      <Typography variant="h6" component="h2">
        {translate('jaring.payouts.trail.title')}
      </Typography>
      <Table size="small" data-testid="batch-trail">
        <TableHead>
          <TableRow>
            <TableCell>{translate('jaring.payouts.trail.at')}</TableCell>
            <TableCell>{translate('jaring.payouts.trail.actor')}</TableCell>
            <TableCell>{translate('jaring.payouts.trail.action')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {batch.trail.map((entry, index) => (
            <TableRow key={index}>
              <TableCell>
                {calendarDate(entry.at, locale)} {entry.at.slice(11, 16)} UTC
              </TableCell>
              <TableCell>{entry.actor}</TableCell>
              <TableCell>{translate(`jaring.payouts.trail.actions.${entry.action}`, { _: entry.action })}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Stack>
  );
}

function BatchPage() {
  // react-admin keeps each list item as the record of its id: shown at once from the list, it has no lines (its
  // `lines` are counts) until the batch itself has come
  const { record: batch } = useShowContext<PayoutBatch>();
  const translate = useTranslate();
  const locale = useLocale();
  const finance = useHasRole('finance');
  const subject = useSubject();
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
        {translate('jaring.payouts.counts', {
          paid: count('PAID'),
          failed: count('FAILED'),
          pending: count('PENDING'),
          returned: count('RETURNED'),
        })}
      </Typography>
      {finance ? (
        <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} alignItems="flex-start">
          <DownloadBankFileButton batchId={batch.id} />
          {subject === batch.createdBy ? (
            <Alert severity="info" data-testid="maker-may-not-import">
              {translate('jaring.payouts.four_eyes')}
            </Alert>
          ) : (
            // the bank may still answer a line waiting for it, or return one it paid
            <UploadResultsButton batch={batch} answerable={count('PENDING') + count('PAID') > 0} />
          )}
        </Stack>
      ) : null}
      <Lines batch={batch} />
      <Trail batch={batch} />
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

// A worker's coverage month by month, as contributions answers it (GET /v1/workers/{id}/coverage-timeline):
// a strip of twelve months, each covered or not, its invoice and who paid it (the worker, APBD, APBN, a CSR
// programme) in rupiah; buttons move a year back or forth.
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Grid from '@mui/material/Grid';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useGetOne, useRecordContext, useTranslate } from 'react-admin';
import { period, rupiah } from '../i18n/format';
import { useLocale } from '../layout/fields';
import { ContributionsProblem } from './ContributionsProblem';
import { firstWindow, shiftWindow, type MonthWindow } from './timeline-window';

export interface TimelineMonth {
  period: string;
  covered: boolean;
  invoiceStatus: string | null;
  amount: number | null;
  paidBy: Array<{ payer: string; amount: number; sponsorshipId?: string }>;
}

interface Timeline {
  id: string;
  from: string;
  to: string;
  months: TimelineMonth[];
}

function Month({ month }: { month: TimelineMonth }) {
  const translate = useTranslate();
  const locale = useLocale();
  return (
    <Paper
      variant="outlined"
      data-testid={`month-${month.period}`}
      sx={{ p: 1.5, height: '100%', borderColor: month.covered ? 'success.main' : 'divider', borderWidth: month.covered ? 2 : 1 }}
    >
      <Typography variant="subtitle2" component="h3">
        {period(month.period, locale)}
      </Typography>
      <Chip
        size="small"
        sx={{ my: 0.5 }}
        color={month.covered ? 'success' : 'default'}
        label={translate(month.covered ? 'jaring.workers.timeline.covered' : 'jaring.workers.timeline.not_covered')}
      />
      <Typography variant="body2">
        {month.invoiceStatus
          ? `${translate(`jaring.invoice_statuses.${month.invoiceStatus}`, { _: month.invoiceStatus })}: ${rupiah(month.amount ?? 0)}`
          : translate('jaring.workers.timeline.no_invoice')}
      </Typography>
      {month.paidBy.length ? (
        month.paidBy.map((part, index) => (
          <Typography key={part.sponsorshipId ?? `${part.payer}-${index}`} variant="body2" color="text.secondary">
            {translate(`jaring.workers.payers.${part.payer}`, { _: part.payer })}: {rupiah(part.amount)}
          </Typography>
        ))
      ) : month.invoiceStatus ? (
        <Typography variant="body2" color="text.secondary">
          {translate('jaring.workers.timeline.nobody_paid')}
        </Typography>
      ) : null}
    </Paper>
  );
}

export function CoverageTimeline() {
  const worker = useRecordContext<{ id: string; registeredOn: string }>();
  const translate = useTranslate();
  const [shift, setShift] = useState(0);
  const range: MonthWindow | undefined = worker
    ? shiftWindow(firstWindow(worker.registeredOn, new Date().toISOString().slice(0, 10)), shift)
    : undefined;
  const { data, error, isPending } = useGetOne<Timeline>(
    'coverage-timeline',
    { id: String(worker?.id ?? ''), meta: range },
    { enabled: Boolean(worker?.id), retry: false, placeholderData: (previous) => previous },
  );
  if (!worker || isPending) return null;
  if (error) return <ContributionsProblem error={error} />;
  return (
    <Stack spacing={1} data-testid="timeline">
      <Grid container spacing={1}>
        {data.months.map((month) => (
          <Grid key={month.period} size={{ xs: 6, sm: 4, md: 3, lg: 2 }}>
            <Month month={month} />
          </Grid>
        ))}
      </Grid>
      <Stack direction="row" spacing={1}>
        <Button size="small" onClick={() => setShift(shift - 1)}>
          {translate('jaring.workers.timeline.earlier')}
        </Button>
        <Button size="small" onClick={() => setShift(shift + 1)}>
          {translate('jaring.workers.timeline.later')}
        </Button>
      </Stack>
    </Stack>
  );
}

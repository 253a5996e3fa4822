// A worker's page: the membership and heirs (enrollment), coverage today and month by month, the invoices and
// the payments a page at a time (contributions); the enrollment officer may deregister the worker or record its death.
import Alert from '@mui/material/Alert';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import {
  ArrayField,
  Datagrid,
  Labeled,
  Pagination,
  ReferenceManyField,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  ListButton,
  useGetOne,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { calendarDate, period } from '../i18n/format';
import { CalendarDateField, CodeField, MoneyField, PeriodField, useLocale } from '../layout/fields';
import { NextStep, ShowProblem } from '../layout/ProblemPanel';
import { ContributionsProblem } from './ContributionsProblem';
import { CoverageTimeline } from './CoverageTimeline';
import { DeregisterButton } from './DeregisterButton';
import { RecordDeathButton } from './RecordDeathButton';
import { AppliedToField } from './AppliedToField';

interface Coverage {
  id: string;
  covered: boolean;
  paidUntil: string | null;
  graceUntil: string | null;
  lapsesOn: string | null;
  lapsedOn: string | null;
  periods: string[];
}

function Programs(_props: { source: string }) {
  const record = useRecordContext<{ programs?: string[] }>();
  const translate = useTranslate();
  return (
    <Stack direction="row" spacing={1}>
      {(record?.programs ?? []).map((program) => (
        <Chip key={program} size="small" label={translate(`jaring.programs.${program}`, { _: program })} />
      ))}
    </Stack>
  );
}

function CoveragePanel() {
  const worker = useRecordContext();
  const translate = useTranslate();
  const locale = useLocale();
  const { data, error, isPending } = useGetOne<Coverage>(
    'coverage',
    { id: String(worker?.id ?? '') },
    { enabled: Boolean(worker?.id), retry: false },
  );
  if (!worker || isPending) return null;
  if (error) return <ContributionsProblem error={error} />;
  const day = (value: string | null) => (value ? calendarDate(value, locale) : translate('jaring.workers.coverage.none'));
  return (
    <Stack spacing={1} data-testid="coverage">
      <Alert severity={data.covered ? 'success' : 'warning'}>
        {translate(data.covered ? 'jaring.workers.coverage.covered_today' : 'jaring.workers.coverage.not_covered_today')}
      </Alert>
      <Typography variant="body2">
        {translate('jaring.workers.coverage.paid_until')}: {day(data.paidUntil)}
      </Typography>
      {data.lapsedOn ? (
        <Typography variant="body2">
          {translate('jaring.workers.coverage.lapsed_on')}: {day(data.lapsedOn)}
        </Typography>
      ) : (
        <Typography variant="body2">
          {translate('jaring.workers.coverage.grace_until')}: {day(data.graceUntil)}
        </Typography>
      )}
      <Typography variant="body2">
        {translate('jaring.workers.coverage.periods')}:{' '}
        {data.periods.length ? data.periods.map((month) => period(month, locale)).join(', ') : translate('jaring.workers.coverage.none')}
      </Typography>
    </Stack>
  );
}

/** The day the worker left, with its label, once there is one (`label={false}`: SimpleShowLayout adds none). */
function DeregisteredOn(_props: { label: false }) {
  const worker = useRecordContext<{ deregisteredOn?: string | null }>();
  return worker?.deregisteredOn ? (
    <Labeled>
      <CalendarDateField source="deregisteredOn" />
    </Labeled>
  ) : null;
}

/** The date of death, with its label, once there is one (status DECEASED). */
function DiedOn(_props: { label: false }) {
  const worker = useRecordContext<{ diedOn?: string | null }>();
  return worker?.diedOn ? (
    <Labeled>
      <CalendarDateField source="diedOn" />
    </Labeled>
  ) : null;
}

function Section({ title }: { title: string }) {
  const translate = useTranslate();
  return (
    <Typography variant="h6" component="h2" sx={{ mt: 2 }}>
      {translate(title)}
    </Typography>
  );
}

function Actions() {
  return (
    <TopToolbar>
      <RecordDeathButton />
      <DeregisterButton />
      <ListButton label="jaring.workers.back" />
    </TopToolbar>
  );
}

export function WorkerShow() {
  return (
    <Show
      actions={<Actions />}
      error={<ShowProblem />}
      // the panel shows the server's words; react-admin's default would say "not found" and leave the page
      queryOptions={{ onError: () => undefined }}
    >
      <SimpleShowLayout>
        <Section title="jaring.workers.sections.worker" />
        <TextField source="membershipNumber" />
        <TextField source="fullName" />
        <TextField source="nik" />
        <CodeField source="status" codes="jaring.statuses" />
        <TextField source="regionCode" />
        <CodeField source="occupation" codes="jaring.occupations" />
        <MoneyField source="declaredMonthlyIncome" />
        <Programs source="programs" />
        <CalendarDateField source="registeredOn" />
        <DeregisteredOn label={false} />
        <DiedOn label={false} />
        <Section title="jaring.workers.sections.coverage" />
        <CoveragePanel />
        <Section title="jaring.workers.sections.timeline" />
        <CoverageTimeline />
        <Section title="jaring.workers.sections.invoices" />
        <ReferenceManyField
          reference="invoices"
          target="workerId"
          label={false}
          perPage={12}
          pagination={<Pagination rowsPerPageOptions={[12, 24, 48]} />}
          empty={<NextStep message="jaring.workers.invoices_empty" />}
        >
          <Datagrid bulkActionButtons={false} rowClick={false} data-testid="invoices">
            <PeriodField source="period" sortable={false} />
            <MoneyField source="amount" sortable={false} />
            <CodeField source="status" codes="jaring.invoice_statuses" sortable={false} />
            <CodeField source="payer" codes="jaring.payers" sortable={false} />
            <MoneyField source="sponsoredAmount" sortable={false} />
            <CalendarDateField source="dueDate" sortable={false} />
            <CalendarDateField source="paidAt" sortable={false} />
          </Datagrid>
        </ReferenceManyField>
        <Section title="jaring.workers.sections.payments" />
        <ReferenceManyField
          reference="payments"
          target="workerId"
          label={false}
          perPage={10}
          pagination={<Pagination rowsPerPageOptions={[10, 25, 50]} />}
          empty={<NextStep message="jaring.workers.payments_empty" />}
        >
          <Datagrid bulkActionButtons={false} rowClick={false} data-testid="payments">
            <CalendarDateField source="receivedAt" sortable={false} />
            <MoneyField source="amount" sortable={false} />
            <CodeField source="paidBy" codes="jaring.workers.payers" sortable={false} />
            <CodeField source="source" codes="jaring.workers.payment_sources" sortable={false} />
            <TextField source="channel" sortable={false} />
            <TextField source="externalReference" sortable={false} />
            <TextField source="monthsAhead" sortable={false} />
            <AppliedToField source="appliedTo" sortable={false} />
          </Datagrid>
        </ReferenceManyField>
        <Section title="jaring.workers.sections.heirs" />
        <ArrayField source="heirs" label={false}>
          <Datagrid
            bulkActionButtons={false}
            rowClick={false}
            data-testid="heirs"
            empty={<NextStep message="jaring.workers.heirs_empty" />}
          >
            <TextField source="fullName" sortable={false} />
            <TextField source="nik" sortable={false} />
            <CodeField source="relationship" codes="jaring.workers.relationships" sortable={false} />
            <TextField source="tier" sortable={false} />
            <CalendarDateField source="birthDate" sortable={false} />
          </Datagrid>
        </ArrayField>
      </SimpleShowLayout>
    </Show>
  );
}

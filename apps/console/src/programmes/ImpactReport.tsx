// A programme's impact report (GET /v1/programmes/{id}/report) as charts (MUI X Charts), each with its numbers:
// the budget, workers by region and by occupation, months and contributions paid, benefits paid to families and
// the workers who kept paying after their sponsorship.
import Grid from '@mui/material/Grid';
import LinearProgress from '@mui/material/LinearProgress';
import { useTheme, type Theme } from '@mui/material/styles';
import Typography from '@mui/material/Typography';
import { BarChart } from '@mui/x-charts/BarChart';
import { Gauge } from '@mui/x-charts/Gauge';
import { PieChart } from '@mui/x-charts/PieChart';
import { useGetOne, useTranslate } from 'react-admin';
import { calendarDate, percent, rupiah, wholeNumber } from '../i18n/format';
import { useLocale } from '../layout/fields';
import { ProblemPanel } from '../layout/ProblemPanel';
import { ChartWithTable, Figure, type ChartRow } from './figures';

export interface ImpactReportAnswer {
  id: string;
  asOf: string;
  budget: { budget: number; reserved: number; spent: number; remaining: number };
  workersProtected: number;
  byRegion: Array<{ regionCode: string; workers: number }>;
  byOccupation: Array<{ occupation: string; workers: number }>;
  monthsPaid: number;
  contributionsPaid: number;
  activeSponsorships: number;
  endedByDeregistration: number;
  claims: { claims: number; amount: number; byKind: Array<{ type: string; kind: string; claims: number; amount: number }> };
  retention: { handedOver: number; keptPaying: number; keptPayingPercent: number };
}

const BUDGET_PARTS = ['spent', 'reserved', 'remaining'] as const;

/** Spent in the theme's main colour, reserved as a warning (promised, not yet paid), what remains in grey. */
const budgetColour = (theme: Theme, part: (typeof BUDGET_PARTS)[number]) =>
  ({ spent: theme.palette.primary.main, reserved: theme.palette.warning.main, remaining: theme.palette.grey[400] })[part];

/** The report's headline figures, each with its words and how it is written. */
type Headline = 'workersProtected' | 'monthsPaid' | 'contributionsPaid' | 'activeSponsorships' | 'endedByDeregistration';
const HEADLINES: Array<{ field: Headline; words: string; format: (value: number) => string }> = [
  { field: 'workersProtected', words: 'workers_protected', format: wholeNumber },
  { field: 'monthsPaid', words: 'months_paid', format: wholeNumber },
  { field: 'contributionsPaid', words: 'contributions_paid', format: rupiah },
  { field: 'activeSponsorships', words: 'active_sponsorships', format: wholeNumber },
  { field: 'endedByDeregistration', words: 'ended_by_deregistration', format: wholeNumber },
];

/** Charts drawn at once: no animation to wait for (or to catch half-way in a screenshot). */
const STILL = { skipAnimation: true, height: 240 } as const;

function BarsOf({ rows, label, money = false }: { rows: Array<{ label: string; value: number }>; label: string; money?: boolean }) {
  return (
    <BarChart
      {...STILL}
      layout="horizontal"
      hideLegend
      yAxis={[{ scaleType: 'band', data: rows.map((row) => row.label), width: 160 }]}
      xAxis={[{ valueFormatter: (value: number) => (money ? rupiah(value) : wholeNumber(value)) }]}
      series={[
        { data: rows.map((row) => row.value), label, valueFormatter: (value) => (money ? rupiah(value ?? 0) : wholeNumber(value ?? 0)) },
      ]}
    />
  );
}

interface WorkerCount {
  key: string;
  label: string;
  workers: number;
}

/** Workers by region or by occupation: bars and their table. */
function WorkersBy({ name, words, column, counts }: { name: string; words: string; column: string; counts: WorkerCount[] }) {
  const translate = useTranslate();
  const key = `jaring.programmes.report.${words}`;
  return (
    <ChartWithTable
      name={name}
      title={`${key}.title`}
      columns={[`${key}.${column}`, `${key}.workers`]}
      rows={counts.map((count) => ({ key: count.key, label: count.label, values: [wholeNumber(count.workers)] }))}
      empty="jaring.programmes.none"
      chart={<BarsOf rows={counts.map((count) => ({ label: count.label, value: count.workers }))} label={translate(`${key}.workers`)} />}
    />
  );
}

export function ImpactReport({ programmeId }: { programmeId: string }) {
  const translate = useTranslate();
  const locale = useLocale();
  const theme = useTheme();
  const { data: report, error, isPending } = useGetOne<ImpactReportAnswer>('programme-reports', { id: programmeId }, { retry: false });
  if (isPending) return <LinearProgress aria-label={translate('jaring.programmes.loading_report')} />;
  if (error) return <ProblemPanel error={error} />;
  const words = (key: string) => translate(`jaring.programmes.report.${key}`);

  const budgetRows: ChartRow[] = BUDGET_PARTS.map((part) => ({
    key: part,
    label: translate(`resources.programmes.fields.${part}`),
    values: [rupiah(report.budget[part])],
  }));
  const regionCounts: WorkerCount[] = report.byRegion.map((row) => ({ key: row.regionCode, label: row.regionCode, workers: row.workers }));
  const occupationCounts: WorkerCount[] = report.byOccupation.map((row) => ({
    key: row.occupation,
    label: translate(`jaring.occupations.${row.occupation}`, { _: row.occupation }),
    workers: row.workers,
  }));
  const claimRows: ChartRow[] = report.claims.byKind.map((row) => ({
    key: `${row.type}_${row.kind}`,
    label: translate(`jaring.programmes.claim_kinds.${row.type}_${row.kind}`, { _: `${row.type} ${row.kind}` }),
    values: [wholeNumber(row.claims), rupiah(row.amount)],
  }));
  const retention = report.retention;
  const retentionRows: ChartRow[] =
    retention.handedOver === 0
      ? []
      : [
          { key: 'handedOver', label: words('retention.handed_over'), values: [wholeNumber(retention.handedOver)] },
          { key: 'keptPaying', label: words('retention.kept_paying'), values: [wholeNumber(retention.keptPaying)] },
          { key: 'keptPayingPercent', label: words('retention.percent'), values: [percent(retention.keptPayingPercent)] },
        ];

  return (
    <Grid container spacing={2}>
      <Grid size={12}>
        <Typography variant="body2" color="text.secondary" data-testid="report-asOf">
          {translate('jaring.programmes.report.as_of', { date: calendarDate(report.asOf, locale) })}
        </Typography>
      </Grid>
      {HEADLINES.map(({ field, words: label, format }) => (
        <Figure key={field} label={words(label)} testId={`report-${field}`}>
          {format(report[field])}
        </Figure>
      ))}
      <ChartWithTable
        name="budget"
        title="jaring.programmes.report.budget.title"
        columns={['jaring.programmes.report.budget.part', 'jaring.programmes.report.budget.amount']}
        rows={report.budget.budget > 0 ? budgetRows : []}
        empty="jaring.programmes.none"
        chart={
          <PieChart
            {...STILL}
            series={[
              {
                data: BUDGET_PARTS.map((part, index) => ({
                  id: part,
                  label: budgetRows[index].label,
                  value: report.budget[part],
                  color: budgetColour(theme, part),
                })),
                valueFormatter: (item) => rupiah(item.value),
              },
            ]}
          />
        }
      />
      <WorkersBy name="region" words="by_region" column="region" counts={regionCounts} />
      <WorkersBy name="occupation" words="by_occupation" column="occupation" counts={occupationCounts} />
      <ChartWithTable
        name="claims"
        title="jaring.programmes.report.claims.title"
        columns={[
          'jaring.programmes.report.claims.kind',
          'jaring.programmes.report.claims.claims',
          'jaring.programmes.report.claims.amount',
        ]}
        rows={
          claimRows.length
            ? [
                ...claimRows,
                {
                  key: 'total',
                  label: words('claims.total'),
                  values: [wholeNumber(report.claims.claims), rupiah(report.claims.amount)],
                },
              ]
            : []
        }
        empty="jaring.programmes.report.claims.none"
        chart={
          <BarsOf
            rows={report.claims.byKind.map((row, index) => ({ label: claimRows[index].label, value: row.amount }))}
            label={words('claims.amount')}
            money
          />
        }
      />
      <ChartWithTable
        name="retention"
        title="jaring.programmes.report.retention.title"
        columns={['jaring.programmes.report.retention.what', 'jaring.programmes.report.retention.figure']}
        rows={retentionRows}
        empty="jaring.programmes.report.retention.none"
        chart={
          <Gauge
            height={240}
            value={retention.keptPayingPercent}
            valueMin={0}
            valueMax={100}
            text={() => percent(retention.keptPayingPercent)}
          />
        }
      />
    </Grid>
  );
}

// A programme's page: what it is, its budget figures (GET /v1/programmes/{id}) and its impact report
// (GET /v1/programmes/{id}/report) in charts, each with its numbers beside it. Another funder's programme, for a
// funder's staff, is the service's 403 in words, and nothing of it.
import Grid from '@mui/material/Grid';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { ListButton, ReferenceField, Show, TextField, TopToolbar, useRecordContext, useTranslate } from 'react-admin';
import { calendarDate, rupiah, wholeNumber } from '../i18n/format';
import { useLocale } from '../layout/fields';
import { ShowProblem } from '../layout/ProblemPanel';
import { Figure, Section } from './figures';
import { ImpactReport } from './ImpactReport';

export interface Programme {
  id: string;
  funderId: string;
  name: string;
  budget: number;
  coverageMonths: number;
  startsOn: string;
  endsOn: string;
  selection: string;
  reserved: number;
  spent: number;
  remaining: number;
  sponsoredWorkers: number;
  exhaustedOn: string | null;
}

function Actions() {
  return (
    <TopToolbar>
      <ListButton label="jaring.programmes.back" />
    </TopToolbar>
  );
}

function ProgrammePanel() {
  const programme = useRecordContext<Programme>();
  const translate = useTranslate();
  const locale = useLocale();
  if (!programme) return null;
  const field = (name: string) => translate(`resources.programmes.fields.${name}`);
  return (
    <Stack spacing={3} sx={{ p: 2 }}>
      <Section title="jaring.programmes.sections.programme">
        <Typography variant="h5" component="p" data-testid="programme-name">
          {programme.name}
        </Typography>
        <Grid container spacing={2}>
          <Figure label={field('funderId')} testId="programme-funder">
            <ReferenceField source="funderId" reference="funders" link={false}>
              <TextField source="name" variant="body1" />
            </ReferenceField>
          </Figure>
          <Figure label={field('selection')}>
            {translate(`jaring.programmes.selections.${programme.selection}`, { _: programme.selection })}
          </Figure>
          <Figure label={field('coverageMonths')}>
            {translate('jaring.programmes.months', { smart_count: programme.coverageMonths })}
          </Figure>
          <Figure label={field('period')}>
            {translate('jaring.programmes.period', {
              from: calendarDate(programme.startsOn, locale),
              to: calendarDate(programme.endsOn, locale),
            })}
          </Figure>
        </Grid>
      </Section>
      <Section title="jaring.programmes.sections.budget">
        <Grid container spacing={2}>
          {(['budget', 'reserved', 'spent', 'remaining'] as const).map((name) => (
            <Figure key={name} label={field(name)} testId={`programme-${name}`}>
              {rupiah(programme[name])}
            </Figure>
          ))}
          <Figure label={field('sponsoredWorkers')} testId="programme-sponsoredWorkers">
            {wholeNumber(programme.sponsoredWorkers)}
          </Figure>
          <Figure label={field('exhaustedOn')} testId="programme-exhaustedOn">
            {programme.exhaustedOn ? calendarDate(programme.exhaustedOn, locale) : translate('jaring.programmes.not_exhausted')}
          </Figure>
        </Grid>
      </Section>
      <Section title="jaring.programmes.sections.report">
        <ImpactReport programmeId={programme.id} />
      </Section>
    </Stack>
  );
}

export function ProgrammeShow() {
  return (
    <Show
      actions={<Actions />}
      error={<ShowProblem />}
      // the panel shows the server's words (another funder's programme: 403 other-funder); react-admin's
      // default would say "not found" and leave the page
      queryOptions={{ onError: () => undefined }}
    >
      <ProgrammePanel />
    </Show>
  );
}

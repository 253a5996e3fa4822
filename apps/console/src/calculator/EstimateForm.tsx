// What the family would receive (GET /v1/benefit-estimates), computed by the same code as a claim.
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState, type FormEvent } from 'react';
import { useTranslate } from 'react-admin';
import { useConsoleConfig } from '../config-context';
import { benefitEstimate, type Estimate } from '../data/public-api';
import { calendarDate, rupiah } from '../i18n/format';
import { useLocale } from '../layout/fields';
import { ProblemPanel } from '../layout/ProblemPanel';
import { ESTIMATES, type EstimateChoice } from './options';

export function EstimateForm() {
  const translate = useTranslate();
  const locale = useLocale();
  const config = useConsoleConfig();
  const [choice, setChoice] = useState<EstimateChoice>('JKM_DEATH');
  const [income, setIncome] = useState('1500000');
  const [months, setMonths] = useState('12');
  const [days, setDays] = useState('30');
  const [estimate, setEstimate] = useState<Estimate>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const needs: readonly string[] = ESTIMATES[choice].needs;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const { type, kind } = ESTIMATES[choice];
      setEstimate(
        await benefitEstimate(config, {
          type,
          kind,
          declaredMonthlyIncome: needs.includes('declaredMonthlyIncome') ? Number(income) : undefined,
          membershipMonths: needs.includes('membershipMonths') ? Number(months) : undefined,
          daysUnableToWork: needs.includes('daysUnableToWork') ? Number(days) : undefined,
        }),
      );
    } catch (failure) {
      setEstimate(undefined);
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack component="form" spacing={2} onSubmit={(event) => void submit(event)} aria-label={translate('jaring.calculator.estimate.title')}>
      <Typography variant="h6" component="h2">
        {translate('jaring.calculator.estimate.title')}
      </Typography>
      <TextField
        select
        label={translate('jaring.calculator.estimate.kind')}
        value={choice}
        onChange={(event) => setChoice(event.target.value as EstimateChoice)}
      >
        {Object.keys(ESTIMATES).map((key) => (
          <MenuItem key={key} value={key}>
            {translate(`jaring.calculator.estimate.kinds.${key}`)}
          </MenuItem>
        ))}
      </TextField>
      {needs.includes('declaredMonthlyIncome') ? (
        <TextField
          label={translate('jaring.calculator.estimate.income')}
          name="estimateIncome"
          type="number"
          value={income}
          onChange={(event) => setIncome(event.target.value)}
          required
        />
      ) : null}
      {needs.includes('membershipMonths') ? (
        <TextField
          label={translate('jaring.calculator.estimate.membership_months')}
          name="membershipMonths"
          type="number"
          value={months}
          onChange={(event) => setMonths(event.target.value)}
          required
        />
      ) : null}
      {needs.includes('daysUnableToWork') ? (
        <TextField
          label={translate('jaring.calculator.estimate.days_unable')}
          name="daysUnableToWork"
          type="number"
          value={days}
          onChange={(event) => setDays(event.target.value)}
          required
        />
      ) : null}
      <Button type="submit" variant="contained" disabled={busy}>
        {translate('jaring.calculator.estimate.submit')}
      </Button>
      {busy ? <LinearProgress /> : null}
      {error ? <ProblemPanel error={error} /> : null}
      {estimate ? (
        <Stack spacing={1} data-testid="estimate">
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>{translate('jaring.calculator.estimate.component')}</TableCell>
                <TableCell align="right">{translate('jaring.calculator.estimate.amount')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {estimate.benefit.components.map((component) => (
                <TableRow key={component.code} data-testid={`estimate-component-${component.code}`}>
                  <TableCell>{component.name}</TableCell>
                  <TableCell align="right">{rupiah(component.amount)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <Typography variant="h6" data-testid="estimate-total">
            {translate('jaring.calculator.estimate.total')}: {rupiah(estimate.benefit.total)}
          </Typography>
          <Typography variant="caption">
            {translate('jaring.calculator.estimate.on', { date: calendarDate(estimate.on, locale) })}
          </Typography>
        </Stack>
      ) : null}
    </Stack>
  );
}

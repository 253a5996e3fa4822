// A month's contribution (GET /v1/contribution-quotes): by income, programmes, occupation and payer.
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import FormLabel from '@mui/material/FormLabel';
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
import { contributionQuote, type Quote } from '../data/public-api';
import { period, rupiah } from '../i18n/format';
import { useLocale } from '../layout/fields';
import { ProblemPanel } from '../layout/ProblemPanel';
import { MANDATORY_PROGRAMS, OCCUPATIONS, PAYERS } from './options';

export function QuoteForm() {
  const translate = useTranslate();
  const locale = useLocale();
  const config = useConsoleConfig();
  const [income, setIncome] = useState('1500000');
  const [jht, setJht] = useState(false);
  const [occupation, setOccupation] = useState<string>('OTHER');
  const [payer, setPayer] = useState<string>('SELF');
  const [quote, setQuote] = useState<Quote>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const programs = [...MANDATORY_PROGRAMS, ...(jht ? ['JHT'] : [])];
      setQuote(await contributionQuote(config, { declaredMonthlyIncome: Number(income), programs, occupation, payer }));
    } catch (failure) {
      setQuote(undefined);
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack component="form" spacing={2} onSubmit={(event) => void submit(event)} aria-label={translate('jaring.calculator.quote.title')}>
      <Typography variant="h6" component="h2">
        {translate('jaring.calculator.quote.title')}
      </Typography>
      <TextField
        label={translate('jaring.calculator.quote.income')}
        name="declaredMonthlyIncome"
        type="number"
        value={income}
        onChange={(event) => setIncome(event.target.value)}
        slotProps={{ htmlInput: { min: 0, step: 1 } }}
        required
      />
      <FormGroup>
        <FormLabel>{translate('jaring.calculator.quote.programs')}</FormLabel>
        {MANDATORY_PROGRAMS.map((program) => (
          <FormControlLabel key={program} control={<Checkbox checked disabled />} label={translate(`jaring.programs.${program}`)} />
        ))}
        <FormControlLabel
          control={<Checkbox name="jht" checked={jht} onChange={(event) => setJht(event.target.checked)} />}
          label={translate('jaring.programs.JHT')}
        />
      </FormGroup>
      <TextField
        select
        label={translate('jaring.calculator.quote.occupation')}
        value={occupation}
        onChange={(event) => setOccupation(event.target.value)}
      >
        {OCCUPATIONS.map((code) => (
          <MenuItem key={code} value={code}>
            {translate(`jaring.occupations.${code}`)}
          </MenuItem>
        ))}
      </TextField>
      <TextField select label={translate('jaring.calculator.quote.payer')} value={payer} onChange={(event) => setPayer(event.target.value)}>
        {PAYERS.map((code) => (
          <MenuItem key={code} value={code}>
            {translate(`jaring.payers.${code}`)}
          </MenuItem>
        ))}
      </TextField>
      <Button type="submit" variant="contained" disabled={busy}>
        {translate('jaring.calculator.quote.submit')}
      </Button>
      {busy ? <LinearProgress /> : null}
      {error ? <ProblemPanel error={error} /> : null}
      {quote ? (
        <Stack spacing={1} data-testid="quote">
          <Typography variant="body2">
            {translate('jaring.calculator.quote.period')}: {period(quote.period, locale)}; {translate('jaring.calculator.quote.bracket')}:{' '}
            {rupiah(quote.bracket.nominal)}
          </Typography>
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>{translate('jaring.calculator.quote.program')}</TableCell>
                <TableCell>{translate('jaring.calculator.quote.covers')}</TableCell>
                <TableCell align="right">{translate('jaring.calculator.quote.amount')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {quote.lines.map((line) => (
                <TableRow key={line.program} data-testid={`quote-line-${line.program}`}>
                  <TableCell>{translate(`jaring.programs.${line.program}`, { _: line.name })}</TableCell>
                  <TableCell>{line.covers}</TableCell>
                  <TableCell align="right">{rupiah(line.amount)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {quote.discount ? (
            <Typography variant="body2">
              {translate('jaring.calculator.quote.discount', {
                percent: quote.discount.percentOff,
                description: quote.discount.description,
              })}{' '}
              ({translate('jaring.calculator.quote.full_total')} {rupiah(quote.fullTotal)})
            </Typography>
          ) : null}
          <Typography variant="h6" data-testid="quote-total">
            {translate('jaring.calculator.quote.total')}: {rupiah(quote.total)}
          </Typography>
        </Stack>
      ) : null}
    </Stack>
  );
}

// The payout ledger (finance, auditor): debits, credits and balance per account, and whether the balances sum to
// zero, as GET /v1/payout-ledger answers.
import Alert from '@mui/material/Alert';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { Title, useGetOne, useTranslate } from 'react-admin';
import { rupiah } from '../i18n/format';
import { NextStep, ProblemPanel } from '../layout/ProblemPanel';

interface PayoutLedger {
  id: string;
  accounts: Array<{ account: string; debits: number; credits: number; balance: number }>;
  balanced: boolean;
}

export function PayoutLedgerPage() {
  const translate = useTranslate();
  const word = (key: string) => translate(`jaring.payouts.ledger.${key}`);
  const { data, error, isPending } = useGetOne<PayoutLedger>('payout-ledger', { id: 'ledger' }, { retry: false });
  return (
    <Card sx={{ mt: 2 }}>
      <Title title={word('title')} />
      <CardContent>
        <Stack spacing={2}>
          <Typography variant="body1">{word('intro')}</Typography>
          {isPending ? <LinearProgress /> : null}
          {error ? <ProblemPanel error={error} /> : null}
          {data && !data.accounts.length ? <NextStep message="jaring.payouts.ledger.empty" /> : null}
          {data?.accounts.length ? (
            <>
              <Alert severity={data.balanced ? 'success' : 'error'} data-testid="ledger-balanced">
                {word(data.balanced ? 'balanced' : 'unbalanced')}
              </Alert>
              <Table size="small" data-testid="ledger-accounts">
                <TableHead>
                  <TableRow>
                    <TableCell>{word('account')}</TableCell>
                    <TableCell align="right">{word('debits')}</TableCell>
                    <TableCell align="right">{word('credits')}</TableCell>
                    <TableCell align="right">{word('balance')}</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {data.accounts.map((account) => (
                    <TableRow key={account.account} data-testid={`ledger-${account.account}`}>
                      <TableCell>{translate(`jaring.payouts.ledger.accounts.${account.account}`, { _: account.account })}</TableCell>
                      <TableCell align="right">{rupiah(account.debits)}</TableCell>
                      <TableCell align="right">{rupiah(account.credits)}</TableCell>
                      <TableCell align="right">{rupiah(account.balance)}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </>
          ) : null}
        </Stack>
      </CardContent>
    </Card>
  );
}

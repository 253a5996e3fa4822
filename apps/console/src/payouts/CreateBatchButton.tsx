// "Make a payout batch" (finance): POST /v1/payout-batches with an Idempotency-Key chosen once for the action and
// kept until a batch is made, so a double click or a retry after a lost answer can never make two batches.
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import { useRef, useState } from 'react';
import { useCreate, useRedirect, useTranslate } from 'react-admin';
import { useHasRole } from '../auth/use-role';
import { ProblemPanel } from '../layout/ProblemPanel';
import type { IdempotentWrite } from './payouts-resources';

export function CreateBatchButton() {
  const translate = useTranslate();
  const redirect = useRedirect();
  const finance = useHasRole('finance');
  const [create, { isPending }] = useCreate();
  const [error, setError] = useState<unknown>();
  /** The action's key: the same for every attempt until the batch is made. */
  const key = useRef<string | undefined>(undefined);
  /** Set at once (a state update waits for the next render): a second click in the meantime sends nothing. */
  const running = useRef(false);
  if (!finance) return null;

  const make = () => {
    if (running.current) return;
    running.current = true;
    key.current ??= crypto.randomUUID();
    setError(undefined);
    // the outcome goes to the callbacks below
    void create(
      'payout-batches',
      { data: { idempotencyKey: key.current } satisfies IdempotentWrite },
      {
        onSuccess: (batch: { id: string }) => {
          key.current = undefined;
          redirect('show', 'payout-batches', batch.id);
        },
        onError: (failure) => setError(failure),
        onSettled: () => {
          running.current = false;
        },
      },
    );
  };

  return (
    <Stack spacing={1} sx={{ my: 1 }}>
      <Button variant="contained" onClick={make} disabled={isPending}>
        {translate('jaring.payouts.create')}
      </Button>
      {isPending ? <LinearProgress /> : null}
      {error ? <ProblemPanel error={error} /> : null}
    </Stack>
  );
}

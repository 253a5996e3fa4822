// A batch's files (finance): the bank transfer file to download (CSV, as the claims service wrote it), and the
// bank's results file to upload, which pays, fails or returns each line it answers.
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useRef, useState, type ChangeEvent } from 'react';
import { useDataProvider, useTranslate, useUpdate } from 'react-admin';
import { ProblemPanel } from '../layout/ProblemPanel';
import type { ResultsImport, ResultsUpload } from './payouts-resources';

/** Downloads the bank file through the API (it needs the bearer token, so no plain link), then saves it. */
export function DownloadBankFileButton({ batchId }: { batchId: string }) {
  const translate = useTranslate();
  const dataProvider = useDataProvider();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  const download = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const { data } = await dataProvider.getOne<{ id: string; csv: string }>('payout-bank-files', { id: batchId });
      const url = URL.createObjectURL(new Blob([data.csv], { type: 'text/csv' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = `payout-batch-${batchId}.csv`;
      link.click();
      URL.revokeObjectURL(url);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack spacing={1}>
      <Button variant="outlined" onClick={() => void download()} disabled={busy}>
        {translate('jaring.payouts.bank_file.download')}
      </Button>
      {busy ? <LinearProgress /> : null}
      {error ? <ProblemPanel error={error} /> : null}
    </Stack>
  );
}

/**
 * Uploads the bank's results file as it came (text/csv): each chosen file is one import with an Idempotency-Key
 * of its own, so a lost answer can be retried without applying anything twice (the service applies a line once
 * anyway). The page then shows the batch as the service answered it.
 */
export function UploadResultsButton({ batch, answerable }: { batch: { id: string; status: string }; answerable: boolean }) {
  const translate = useTranslate();
  const [update, { isPending }] = useUpdate();
  const input = useRef<HTMLInputElement>(null);
  const [outcome, setOutcome] = useState<ResultsImport>();
  const [error, setError] = useState<unknown>();

  const upload = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = ''; // the same file may be chosen again
    if (!file) return;
    setError(undefined);
    setOutcome(undefined);
    const data: ResultsUpload = { resultsFile: file, idempotencyKey: crypto.randomUUID() };
    // the outcome goes to the callbacks below
    void update(
      'payout-batches',
      { id: batch.id, data, previousData: batch },
      {
        onSuccess: (answer: { lastImport?: ResultsImport }) => setOutcome(answer.lastImport),
        onError: (failure) => setError(failure),
      },
    );
  };

  return (
    <Stack spacing={1}>
      {/* a batch whose lines all failed or came back has nothing left for the bank to answer; a paid line may still be returned */}
      <Button variant="contained" onClick={() => input.current?.click()} disabled={isPending || !answerable}>
        {translate('jaring.payouts.bank_file.upload')}
      </Button>
      <input ref={input} type="file" accept=".csv,text/csv" hidden onChange={upload} data-testid="results-file" />
      <Typography variant="caption" color="text.secondary">
        {translate('jaring.payouts.bank_file.upload_help')}
      </Typography>
      {isPending ? <LinearProgress /> : null}
      {outcome ? (
        <Alert severity="success" data-testid="results-imported">
          {translate('jaring.payouts.bank_file.imported', { ...outcome })}
        </Alert>
      ) : null}
      {error ? <ProblemPanel error={error} /> : null}
    </Stack>
  );
}

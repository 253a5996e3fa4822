// An import's page: its progress, read again every second while it runs and no more once it is done or
// failed; the counts; the refused rows a page at a time from the server; the file of the refused rows to
// correct and upload again (a new import).
import DownloadIcon from '@mui/icons-material/Download';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import Grid from '@mui/material/Grid';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import {
  Datagrid,
  ListButton,
  NumberField,
  Pagination,
  ReferenceManyField,
  Show,
  TextField,
  TopToolbar,
  useDataProvider,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { calendarDate } from '../i18n/format';
import { useLocale } from '../layout/fields';
import { NextStep, ProblemPanel, ShowProblem } from '../layout/ProblemPanel';
import { saveFile } from '../layout/save-file';
import { UploadButton } from './WorkerImportList';

interface WorkerImport {
  id: string;
  status: 'RUNNING' | 'DONE' | 'FAILED';
  total: number;
  processed: number;
  enrolled: number;
  duplicates: number;
  failed: number;
  errorsTotal: number;
  failure: string | null;
}

/** How often a running import's status is read again. */
const POLL_MS = 1_000;
const COUNTS = ['total', 'processed', 'enrolled', 'duplicates', 'failed'] as const;

const isRunning = (record: WorkerImport | undefined) => record?.status === 'RUNNING';

function Progress() {
  const record = useRecordContext<WorkerImport>();
  const translate = useTranslate();
  if (!record) return null;
  const percent = record.total ? Math.round((record.processed / record.total) * 100) : 100;
  const color = record.status === 'FAILED' ? 'error' : record.status === 'DONE' ? 'success' : 'primary';
  return (
    <Stack spacing={1}>
      <Stack direction="row" spacing={1} alignItems="center">
        <Chip
          data-testid="import-status"
          color={color}
          label={translate(`jaring.worker_imports.statuses.${record.status}`, { _: record.status })}
        />
        <Typography variant="body2" data-testid="import-progress">
          {translate('jaring.worker_imports.progress', { processed: record.processed, total: record.total })}
        </Typography>
      </Stack>
      <LinearProgress
        variant="determinate"
        value={percent}
        color={color}
        aria-label={translate('jaring.worker_imports.progress', { processed: record.processed, total: record.total })}
        // a finished import's bar is full at once, not filled from nothing
        sx={{ height: 10, borderRadius: 5, '& .MuiLinearProgress-bar': isRunning(record) ? {} : { transition: 'none' } }}
      />
      {record.failure ? <Alert severity="error">{translate('jaring.worker_imports.failure', { reason: record.failure })}</Alert> : null}
    </Stack>
  );
}

function Counts() {
  const translate = useTranslate();
  return (
    <Grid container spacing={1}>
      {COUNTS.map((count) => (
        <Grid key={count} size={{ xs: 6, sm: 4, md: 2 }}>
          <Paper variant="outlined" sx={{ p: 1.5 }}>
            <Typography variant="caption" color="text.secondary">
              {translate(`resources.worker-imports.fields.${count}`)}
            </Typography>
            <Box data-testid={`import-${count}`}>
              <NumberField source={count} variant="h6" />
            </Box>
          </Paper>
        </Grid>
      ))}
    </Grid>
  );
}

/** Saves the refused rows as a CSV file (GET /v1/worker-imports/{id}/failed-rows). */
function DownloadFailedRows() {
  const record = useRecordContext<WorkerImport>();
  const translate = useTranslate();
  const dataProvider = useDataProvider();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  // the file holds the refused rows and the duplicates (a NIK already registered may be a mistyped one)
  if (!record || isRunning(record) || record.failed + record.duplicates === 0) return null;
  const download = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const { data } = await dataProvider.getOne<{ id: string; file: Blob }>('worker-import-failed-rows', { id: record.id });
      // the name the service gives it (its Content-Disposition)
      saveFile(`import-${record.id}-failed-rows.csv`, data.file);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack spacing={1} alignItems="flex-start">
      <Typography variant="body2">{translate('jaring.worker_imports.download_hint')}</Typography>
      <Stack direction="row" spacing={1}>
        <Button variant="contained" startIcon={<DownloadIcon />} disabled={busy} onClick={() => void download()}>
          {translate('jaring.worker_imports.download_failed')}
        </Button>
        <UploadButton label="jaring.worker_imports.upload_fixed" />
      </Stack>
      {error ? <ProblemPanel error={error} /> : null}
    </Stack>
  );
}

function RefusedRows() {
  const record = useRecordContext<WorkerImport>();
  const translate = useTranslate();
  if (!record) return null;
  const running = isRunning(record);
  return (
    <Stack spacing={1}>
      <Typography variant="h6" component="h2">
        {translate('jaring.worker_imports.errors_title')}
      </Typography>
      <ReferenceManyField
        // read afresh when the import finishes: the last rows' reasons arrive with the end
        key={record.status}
        reference="worker-import-errors"
        target="importId"
        perPage={25}
        pagination={<Pagination rowsPerPageOptions={[25, 50, 100]} />}
        queryOptions={{ refetchInterval: running ? POLL_MS : false }}
        empty={<NextStep message={running ? 'jaring.worker_imports.errors_running' : 'jaring.worker_imports.errors_empty'} />}
      >
        <Datagrid bulkActionButtons={false} rowClick={false} data-testid="import-errors">
          <NumberField source="row" sortable={false} />
          <TextField source="field" sortable={false} />
          <TextField source="reason" sortable={false} />
        </Datagrid>
      </ReferenceManyField>
    </Stack>
  );
}

function ImportPage() {
  return (
    <CardContent>
      <Stack spacing={3}>
        <Progress />
        <Counts />
        <RefusedRows />
        <DownloadFailedRows />
      </Stack>
    </CardContent>
  );
}

function ImportTitle() {
  const record = useRecordContext<WorkerImport & { receivedAt: string }>();
  const translate = useTranslate();
  const locale = useLocale();
  return record ? <>{translate('jaring.worker_imports.title', { date: calendarDate(record.receivedAt, locale) })}</> : null;
}

function Actions() {
  return (
    <TopToolbar>
      <UploadButton />
      <ListButton label="jaring.worker_imports.back" />
    </TopToolbar>
  );
}

export function WorkerImportShow() {
  return (
    <Show
      actions={<Actions />}
      title={<ImportTitle />}
      error={<ShowProblem />}
      queryOptions={{
        // follow a running import; a finished one changes no more
        refetchInterval: (query) => (isRunning(query.state.data as WorkerImport | undefined) ? POLL_MS : false),
        onError: () => undefined,
      }}
    >
      <ImportPage />
    </Show>
  );
}

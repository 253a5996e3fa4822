// "Upload CSV": the columns the service expects, a template to fill in, and the file, sent as it is
// (POST /v1/worker-imports). The service answers at once; the import's page follows its progress.
import DownloadIcon from '@mui/icons-material/Download';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import Button from '@mui/material/Button';
import CardContent from '@mui/material/CardContent';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useState, type ChangeEvent } from 'react';
import { Create, useSaveContext, useTranslate } from 'react-admin';
import { OCCUPATIONS } from '../calculator/options';
import { ProblemPanel } from '../layout/ProblemPanel';
import { saveFile } from '../layout/save-file';
import { IMPORT_COLUMNS, TEMPLATE_CSV } from './csv-columns';

function Columns() {
  const translate = useTranslate();
  return (
    <>
      <Typography variant="subtitle1" component="h2">
        {translate('jaring.worker_imports.upload.columns_title')}
      </Typography>
      <Typography component="ul" variant="body2" data-testid="import-columns" sx={{ mt: 0 }}>
        {IMPORT_COLUMNS.map((column) => (
          <li key={column}>
            <code>{column}</code>: {translate(`jaring.worker_imports.columns.${column}`, { codes: OCCUPATIONS.join(', ') })}
          </li>
        ))}
      </Typography>
    </>
  );
}

function UploadForm() {
  const translate = useTranslate();
  const { save, saving } = useSaveContext();
  const [file, setFile] = useState<File | undefined>();
  const [error, setError] = useState<unknown>();

  const choose = (event: ChangeEvent<HTMLInputElement>) => {
    setFile(event.target.files?.[0]);
    setError(undefined);
  };
  // on success react-admin opens the new import's page (Create's redirect)
  const upload = () => void save?.({ file }, { onError: setError });

  return (
    <CardContent>
      <Stack spacing={2} alignItems="flex-start">
        <Typography variant="body1">{translate('jaring.worker_imports.upload.intro')}</Typography>
        <Columns />
        <Button startIcon={<DownloadIcon />} onClick={() => saveFile('template-pekerja.csv', TEMPLATE_CSV)}>
          {translate('jaring.worker_imports.upload.template')}
        </Button>
        <Stack direction="row" spacing={2} alignItems="center">
          <Button variant="outlined" component="label" startIcon={<UploadFileIcon />}>
            {translate('jaring.worker_imports.upload.choose')}
            <input
              hidden
              type="file"
              accept=".csv,text/csv"
              aria-label={translate('jaring.worker_imports.upload.file')}
              onChange={choose}
            />
          </Button>
          <Typography variant="body2" data-testid="chosen-file">
            {file ? file.name : translate('jaring.worker_imports.upload.none_chosen')}
          </Typography>
        </Stack>
        <Button variant="contained" disabled={!file || saving} onClick={upload}>
          {translate(saving ? 'jaring.worker_imports.upload.sending' : 'jaring.worker_imports.upload.submit')}
        </Button>
        {error ? <ProblemPanel error={error} /> : null}
      </Stack>
    </CardContent>
  );
}

export function WorkerImportUpload() {
  return (
    // the form shows a refusal in the server's words (ProblemPanel): no second notice
    <Create title="jaring.worker_imports.upload.title" redirect="show" mutationOptions={{ onError: () => undefined }}>
      <UploadForm />
    </Create>
  );
}

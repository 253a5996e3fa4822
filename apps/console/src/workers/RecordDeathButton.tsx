// "Record death" for the enrollment officer (POST /v1/workers/{id}/death): the date of death and the death
// certificate number, a confirmation, then the page reads the worker again and shows it DECEASED with the date.
// One Idempotency-Key per dialog: a retried click after a lost answer records nothing twice.
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useRef, useState } from 'react';
import { useCanAccess, useCreate, useNotify, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import { ProblemPanel } from '../layout/ProblemPanel';

export function RecordDeathButton() {
  const worker = useRecordContext<{ id: string; status: string }>();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const { canAccess } = useCanAccess({ resource: 'workers', action: 'record_death' });
  const [open, setOpen] = useState(false);
  const [diedOn, setDiedOn] = useState('');
  const [certificate, setCertificate] = useState('');
  const key = useRef<string | undefined>(undefined);
  const [create, { isPending, error, reset }] = useCreate();
  if (!worker || !canAccess || worker.status === 'DECEASED') return null;

  const close = () => {
    setOpen(false);
    setDiedOn('');
    setCertificate('');
    key.current = undefined;
    reset();
  };
  const confirm = () => {
    key.current ??= crypto.randomUUID();
    return create(
      'deaths',
      { data: { workerId: worker.id, diedOn, deathCertificateNumber: certificate.trim(), idempotencyKey: key.current } },
      {
        onSuccess: () => {
          close();
          notify('jaring.workers.record_death.done', { type: 'success' });
          refresh();
        },
      },
    );
  };

  return (
    <>
      <Button color="error" onClick={() => setOpen(true)}>
        {translate('jaring.workers.record_death.button')}
      </Button>
      <Dialog open={open} onClose={close} aria-labelledby="record-death-title" fullWidth maxWidth="sm">
        <DialogTitle id="record-death-title">{translate('jaring.workers.record_death.title')}</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>{translate('jaring.workers.record_death.explain')}</DialogContentText>
          <Stack spacing={2}>
            <TextField
              type="date"
              fullWidth
              label={translate('jaring.workers.record_death.died_on')}
              value={diedOn}
              onChange={(event) => {
                setDiedOn(event.target.value);
                key.current = undefined;
              }}
              slotProps={{ inputLabel: { shrink: true } }}
            />
            <TextField
              fullWidth
              label={translate('jaring.workers.record_death.certificate')}
              value={certificate}
              onChange={(event) => {
                setCertificate(event.target.value);
                key.current = undefined;
              }}
            />
          </Stack>
          {error ? <ProblemPanel error={error} /> : null}
        </DialogContent>
        <DialogActions>
          <Button onClick={close}>{translate('jaring.workers.record_death.cancel')}</Button>
          <Button color="error" variant="contained" disabled={!diedOn || !certificate.trim() || isPending} onClick={() => void confirm()}>
            {translate('jaring.workers.record_death.confirm')}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}

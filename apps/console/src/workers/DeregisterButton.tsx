// "Deregister" for the enrollment officer (POST /v1/workers/{id}/deregistration): a reason from the service's
// list and a confirmation, then the page reads the worker again and shows its new status.
import PersonOffIcon from '@mui/icons-material/PersonOff';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import { useCanAccess, useCreate, useNotify, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import { ProblemPanel } from '../layout/ProblemPanel';

/**
 * docs/api.md, "Deregistration reasons": codes, never free text (it could carry personal data into events). A death
 * is not among them: it is recorded with its date (RecordDeathButton).
 */
export const DEREGISTRATION_REASONS = ['REQUESTED_BY_WORKER', 'LEFT_INDONESIA', 'REGISTERED_IN_ERROR', 'OTHER'] as const;

export function DeregisterButton() {
  const worker = useRecordContext<{ id: string; status: string }>();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const { canAccess } = useCanAccess({ resource: 'workers', action: 'deregister' });
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [create, { isPending, error, reset }] = useCreate();
  if (!worker || !canAccess || worker.status === 'DEREGISTERED' || worker.status === 'DECEASED') return null;

  const close = () => {
    setOpen(false);
    setReason('');
    reset();
  };
  const confirm = () =>
    create(
      'deregistrations',
      { data: { workerId: worker.id, reason } },
      {
        onSuccess: () => {
          close();
          notify('jaring.workers.deregister.done', { type: 'success' });
          refresh();
        },
      },
    );

  return (
    <>
      <Button color="error" startIcon={<PersonOffIcon />} onClick={() => setOpen(true)}>
        {translate('jaring.workers.deregister.button')}
      </Button>
      <Dialog open={open} onClose={close} aria-labelledby="deregister-title" fullWidth maxWidth="sm">
        <DialogTitle id="deregister-title">{translate('jaring.workers.deregister.title')}</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>{translate('jaring.workers.deregister.explain')}</DialogContentText>
          <TextField
            select
            fullWidth
            label={translate('jaring.workers.deregister.reason')}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
          >
            {DEREGISTRATION_REASONS.map((code) => (
              <MenuItem key={code} value={code}>
                {translate(`jaring.workers.deregistration_reasons.${code}`)}
              </MenuItem>
            ))}
          </TextField>
          {error ? <ProblemPanel error={error} /> : null}
        </DialogContent>
        <DialogActions>
          <Button onClick={close}>{translate('jaring.workers.deregister.cancel')}</Button>
          <Button color="error" variant="contained" disabled={!reason || isPending} onClick={() => void confirm()}>
            {translate('jaring.workers.deregister.confirm')}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}

// The decisions on a claim: a button for each action the claims service offers this person (`availableActions`,
// decided on the server from their roles, the claim and maker-checker), each confirmed in a dialog. After a
// decision the page shows the claim as the service answered it; a refusal shows the service's problem in words.
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslate, useUpdate } from 'react-admin';
import { ProblemPanel } from '../layout/ProblemPanel';
import type { Claim, ClaimAction, ClaimDecision } from './claims-resources';

export function ClaimDecisions({ claim }: { claim: Claim }) {
  const translate = useTranslate();
  const [update, { isPending }] = useUpdate();
  const [open, setOpen] = useState<ClaimAction>();
  const [error, setError] = useState<unknown>();
  const [decided, setDecided] = useState<string>();

  const decide = (decision: ClaimDecision) => {
    setError(undefined);
    setDecided(undefined);
    // the outcome goes to the callbacks below
    void update(
      'claims',
      { id: claim.id, data: decision, previousData: claim },
      {
        onSuccess: (answer: Claim) => setDecided(answer.status),
        // shown here, in the service's words, rather than as a passing notice
        onError: (failure) => setError(failure),
        onSettled: () => setOpen(undefined),
      },
    );
  };
  const close = () => setOpen(undefined);

  return (
    <Stack spacing={1} data-testid="decisions">
      {claim.availableActions.length ? (
        <Stack direction="row" spacing={1}>
          {claim.availableActions.map((action) => (
            <Button
              key={action}
              variant={action === 'reject' ? 'outlined' : 'contained'}
              color={action === 'reject' ? 'error' : 'primary'}
              disabled={isPending}
              onClick={() => setOpen(action)}
            >
              {translate(`jaring.claims.actions.${action}`)}
            </Button>
          ))}
        </Stack>
      ) : (
        <Typography variant="body2" color="text.secondary">
          {translate('jaring.claims.actions.none')}
        </Typography>
      )}
      {isPending ? <LinearProgress /> : null}
      {decided ? (
        <Alert severity="success" data-testid="decided">
          {translate('jaring.claims.done', { status: translate(`jaring.claims.statuses.${decided}`, { _: decided }) })}
        </Alert>
      ) : null}
      {error ? <ProblemPanel error={error} /> : null}

      <NoteDialog
        action="verify"
        open={open === 'verify'}
        busy={isPending}
        onClose={close}
        onConfirm={(note) => decide({ action: 'verify', note })}
      />
      <NoteDialog
        action="approve"
        open={open === 'approve'}
        busy={isPending}
        onClose={close}
        onConfirm={(note) => decide({ action: 'approve', note })}
      />
      <RejectDialog
        open={open === 'reject'}
        busy={isPending}
        onClose={close}
        onConfirm={(reason) => decide({ action: 'reject', reason })}
      />
      <DocumentsDialog
        missing={claim.documents.missing}
        open={open === 'record-documents'}
        busy={isPending}
        onClose={close}
        onConfirm={(documents) => decide({ action: 'record-documents', documents })}
      />
      <NoteDialog
        action="reassess"
        open={open === 'reassess'}
        busy={isPending}
        onClose={close}
        onConfirm={(note) => decide({ action: 'reassess', note })}
      />
      <BankAccountDialog
        open={open === 'correct-bank-account'}
        busy={isPending}
        onClose={close}
        onConfirm={(bankAccount) => decide({ action: 'correct-bank-account', bankAccount })}
      />
    </Stack>
  );
}

interface DialogProps<T> {
  open: boolean;
  busy: boolean;
  onClose: () => void;
  onConfirm: (value: T) => void;
}

/** A dialog whose form confirms the decision: its title and confirm button name it. */
function DecisionDialog({
  open,
  busy,
  onClose,
  title,
  confirm,
  danger,
  canConfirm = true,
  onSubmit,
  children,
}: Omit<DialogProps<never>, 'onConfirm'> & {
  title: string;
  confirm: string;
  danger?: boolean;
  canConfirm?: boolean;
  onSubmit: () => void;
  children: ReactNode;
}) {
  const translate = useTranslate();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (canConfirm && !busy) onSubmit();
  };
  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm" aria-labelledby={`${title}-title`}>
      <form onSubmit={submit}>
        <DialogTitle id={`${title}-title`}>{translate(title)}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            {children}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{translate('jaring.claims.dialogs.cancel')}</Button>
          <Button type="submit" variant="contained" color={danger ? 'error' : 'primary'} disabled={busy || !canConfirm}>
            {translate(confirm)}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

function NoteDialog({ action, ...props }: DialogProps<string | undefined> & { action: 'verify' | 'approve' | 'reassess' }) {
  const translate = useTranslate();
  const [note, setNote] = useState('');
  return (
    <DecisionDialog
      {...props}
      title={`jaring.claims.dialogs.${action}.title`}
      confirm={`jaring.claims.dialogs.${action}.confirm`}
      onSubmit={() => props.onConfirm(note.trim() || undefined)}
    >
      <DialogContentText>{translate(`jaring.claims.dialogs.${action}.text`)}</DialogContentText>
      <TextField label={translate('jaring.claims.dialogs.note')} value={note} onChange={(event) => setNote(event.target.value)} multiline />
    </DecisionDialog>
  );
}

function RejectDialog(props: DialogProps<string>) {
  const translate = useTranslate();
  const [reason, setReason] = useState('');
  return (
    <DecisionDialog
      {...props}
      danger
      title="jaring.claims.dialogs.reject.title"
      confirm="jaring.claims.dialogs.reject.confirm"
      canConfirm={reason.trim().length > 0}
      onSubmit={() => props.onConfirm(reason.trim())}
    >
      <TextField
        label={translate('jaring.claims.dialogs.reject.reason')}
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        required
        multiline
      />
    </DecisionDialog>
  );
}

function DocumentsDialog({ missing, ...props }: DialogProps<string[]> & { missing: string[] }) {
  const translate = useTranslate();
  const [chosen, setChosen] = useState<string[]>([]);
  const toggle = (code: string) => setChosen((now) => (now.includes(code) ? now.filter((c) => c !== code) : [...now, code]));
  return (
    <DecisionDialog
      {...props}
      title="jaring.claims.dialogs.documents.title"
      confirm="jaring.claims.dialogs.documents.confirm"
      canConfirm={chosen.length > 0}
      onSubmit={() => props.onConfirm(chosen)}
    >
      <DialogContentText>{translate('jaring.claims.dialogs.documents.text')}</DialogContentText>
      {missing.map((code) => (
        <FormControlLabel
          key={code}
          control={<Checkbox checked={chosen.includes(code)} onChange={() => toggle(code)} />}
          label={translate(`jaring.claims.document_codes.${code}`, { _: code })}
        />
      ))}
    </DecisionDialog>
  );
}

function BankAccountDialog(props: DialogProps<{ bankCode: string; accountNumber: string; accountName: string }>) {
  const translate = useTranslate();
  const [account, setAccount] = useState({ bankCode: '', accountNumber: '', accountName: '' });
  const field = (name: keyof typeof account, label: string) => (
    <TextField
      label={translate(label)}
      value={account[name]}
      onChange={(event) => setAccount({ ...account, [name]: event.target.value })}
      required
    />
  );
  return (
    <DecisionDialog
      {...props}
      title="jaring.claims.dialogs.bank.title"
      confirm="jaring.claims.dialogs.bank.confirm"
      canConfirm={Boolean(account.bankCode && account.accountNumber && account.accountName)}
      // the service judges the account (3-digit bank code, 5 to 20 digits) and names what is wrong
      onSubmit={() => props.onConfirm(account)}
    >
      <DialogContentText>{translate('jaring.claims.dialogs.bank.text')}</DialogContentText>
      {field('bankCode', 'jaring.claims.dialogs.bank.bank_code')}
      {field('accountNumber', 'jaring.claims.dialogs.bank.account_number')}
      {field('accountName', 'jaring.claims.dialogs.bank.account_name')}
    </DecisionDialog>
  );
}

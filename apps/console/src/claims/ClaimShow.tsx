// A claim's page: status and due date, eligibility with its reasons, the benefit component by component, the
// documents received and missing, the payment, the history, and the decisions the service offers this person.
import Alert from '@mui/material/Alert';
import Chip from '@mui/material/Chip';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { Link, ListButton, Show, TopToolbar, useRecordContext, useShowContext, useTranslate } from 'react-admin';
import { calendarDate, rupiah } from '../i18n/format';
import { useLocale } from '../layout/fields';
import { ProblemPanel } from '../layout/ProblemPanel';
import { ClaimDecisions } from './ClaimDecisions';
import type { Claim } from './claims-resources';

function ShowError() {
  const { error } = useShowContext();
  return <ProblemPanel error={error} />;
}

function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  const translate = useTranslate();
  return (
    <Stack spacing={1} sx={{ mt: 3 }} data-testid={testId}>
      <Typography variant="h6" component="h2">
        {translate(title)}
      </Typography>
      {children}
    </Stack>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  const translate = useTranslate();
  return (
    <Typography variant="body2">
      <strong>{translate(label)}:</strong> {children}
    </Typography>
  );
}

function Summary({ claim }: { claim: Claim }) {
  const translate = useTranslate();
  const locale = useLocale();
  return (
    <Stack spacing={1}>
      <Stack direction="row" spacing={2} alignItems="center">
        <Typography variant="h5" component="h1">
          {translate('jaring.claims.reference', { reference: claim.id.slice(0, 8) })}: {claim.type}{' '}
          {translate(`jaring.claims.kinds.${claim.kind}`, { _: claim.kind })}
        </Typography>
        <Chip
          data-testid="claim-status"
          color={claim.status === 'REJECTED' ? 'error' : claim.status === 'PAID' ? 'success' : 'primary'}
          label={translate(`jaring.claims.statuses.${claim.status}`, { _: claim.status })}
        />
      </Stack>
      <Fact label="resources.claims.fields.workerId">
        <Link to={`/workers/${claim.workerId}/show`}>{claim.workerId}</Link>
      </Fact>
      <Fact label="resources.claims.fields.incidentDate">{calendarDate(claim.incidentDate, locale)}</Fact>
      <Fact label="resources.claims.fields.submittedOn">{calendarDate(claim.submittedOn, locale)}</Fact>
      <Fact label="resources.claims.fields.dueOn">
        {claim.dueOn ? calendarDate(claim.dueOn, locale) : translate('jaring.claims.standing.no_due_date')}
      </Fact>
      <Fact label="resources.claims.fields.claimant">
        {translate(`jaring.claims.relationships.${claim.claimant.relationship}`, { _: claim.claimant.relationship })}
      </Fact>
      <Fact label="resources.claims.fields.bankAccount">{claim.claimant.bankAccount}</Fact>
      {claim.rejectionReason ? <Fact label="resources.claims.fields.rejectionReason">{claim.rejectionReason}</Fact> : null}
      {claim.payoutHold ? (
        <Alert severity="warning" data-testid="payout-hold">
          {translate(`jaring.claims.holds.${claim.payoutHold}`, { _: claim.payoutHold })}
        </Alert>
      ) : null}
      {claim.approvals && claim.approvals.required > 1 ? (
        <Alert severity="info" data-testid="approvals">
          {translate('jaring.claims.approvals.two', claim.approvals)}
        </Alert>
      ) : null}
    </Stack>
  );
}

function Eligibility({ claim }: { claim: Claim }) {
  const translate = useTranslate();
  return (
    <Section title="jaring.claims.sections.eligibility" testId="eligibility">
      <Alert severity={claim.eligibility.eligible ? 'success' : claim.status === 'PENDING_FACTS' ? 'warning' : 'error'}>
        {translate(
          claim.eligibility.eligible
            ? 'jaring.claims.eligible'
            : claim.status === 'PENDING_FACTS'
              ? 'jaring.claims.pending'
              : 'jaring.claims.ineligible',
        )}
      </Alert>
      {claim.eligibility.reasons.map((reason) => (
        <Typography key={reason.code} variant="body2" data-testid={`reason-${reason.code}`}>
          {translate(`jaring.claims.reasons.${reason.code}`, { _: reason.message })}
        </Typography>
      ))}
      {claim.eligibility.awaitingFacts?.length ? (
        <Alert severity="info" data-testid="awaiting-facts">
          {translate('jaring.claims.awaiting.text', {
            facts: claim.eligibility.awaitingFacts.map((fact) => translate(`jaring.claims.awaiting.${fact}`, { _: fact })).join(', '),
          })}
        </Alert>
      ) : null}
    </Section>
  );
}

function Benefit({ claim }: { claim: Claim }) {
  const translate = useTranslate();
  const scholarship = claim.benefit.scholarship;
  return (
    <Section title="jaring.claims.sections.benefit" testId="benefit">
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell>{translate('jaring.claims.benefit.component')}</TableCell>
            <TableCell align="right">{translate('jaring.claims.benefit.amount')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {claim.benefit.components.map((component) => (
            <TableRow key={component.code} data-testid={`component-${component.code}`}>
              <TableCell>
                {component.name}
                <Typography variant="caption" component="div" color="text.secondary">
                  {component.rule}
                </Typography>
              </TableCell>
              <TableCell align="right">{rupiah(component.amount)}</TableCell>
            </TableRow>
          ))}
          <TableRow>
            <TableCell>
              <strong>{translate('jaring.claims.benefit.total')}</strong>
            </TableCell>
            <TableCell align="right" data-testid="benefit-total">
              <strong>{rupiah(claim.benefit.total)}</strong>
            </TableCell>
          </TableRow>
        </TableBody>
      </Table>
      {scholarship?.eligible ? (
        <Typography variant="body2">
          {translate('jaring.claims.benefit.scholarship', { children: scholarship.maxChildren, amount: rupiah(scholarship.maxPerChild) })}
        </Typography>
      ) : null}
    </Section>
  );
}

function Documents({ claim }: { claim: Claim }) {
  const translate = useTranslate();
  const locale = useLocale();
  const names = (codes: string[]) =>
    codes.length
      ? codes.map((code) => translate(`jaring.claims.document_codes.${code}`, { _: code })).join(', ')
      : translate('jaring.claims.documents.none');
  return (
    <Section title="jaring.claims.sections.documents" testId="documents">
      <Fact label="jaring.claims.documents.received">{names(claim.documents.received)}</Fact>
      <Typography variant="body2" color={claim.documents.missing.length ? 'error' : undefined} data-testid="documents-missing">
        <strong>{translate('jaring.claims.documents.missing')}:</strong> {names(claim.documents.missing)}
      </Typography>
      {claim.documents.completeOn ? (
        <Fact label="jaring.claims.documents.complete_on">{calendarDate(claim.documents.completeOn, locale)}</Fact>
      ) : null}
    </Section>
  );
}

function Payment({ claim }: { claim: Claim }) {
  const translate = useTranslate();
  const locale = useLocale();
  return (
    <Section title="jaring.claims.sections.payment" testId="payment">
      {claim.payment ? (
        <>
          <Fact label="jaring.claims.payment.paid_on">{calendarDate(claim.payment.paidOn, locale)}</Fact>
          <Fact label="jaring.claims.payment.amount">{rupiah(claim.payment.amount)}</Fact>
          {claim.payment.latePenalty ? <Fact label="jaring.claims.payment.late_penalty">{rupiah(claim.payment.latePenalty)}</Fact> : null}
        </>
      ) : (
        <Typography variant="body2">{translate('jaring.claims.payment.none')}</Typography>
      )}
    </Section>
  );
}

function History({ claim }: { claim: Claim }) {
  const translate = useTranslate();
  const locale = useLocale();
  return (
    <Section title="jaring.claims.sections.history" testId="history">
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell>{translate('jaring.claims.history.at')}</TableCell>
            <TableCell>{translate('jaring.claims.history.action')}</TableCell>
            <TableCell>{translate('jaring.claims.history.status')}</TableCell>
            <TableCell>{translate('jaring.claims.history.reason')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {claim.history.map((entry, index) => (
            <TableRow key={index}>
              <TableCell>
                {calendarDate(entry.at, locale)} {entry.at.slice(11, 16)} UTC
              </TableCell>
              <TableCell>{translate(`jaring.claims.events.${entry.action}`, { _: entry.action })}</TableCell>
              <TableCell>{entry.status ? translate(`jaring.claims.statuses.${entry.status}`, { _: entry.status }) : ''}</TableCell>
              <TableCell>{entry.reason ?? ''}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Section>
  );
}

function ClaimPage() {
  // react-admin keeps each queue item as the record of its id: shown at once from the queue, it lacks the claim's
  // details (another shape) until the claim itself has come
  const { record: claim } = useShowContext<Claim>();
  if (!claim || !Array.isArray(claim.availableActions)) return <LinearProgress />;
  return (
    <Stack sx={{ p: 2 }}>
      <Summary claim={claim} />
      <Section title="jaring.claims.sections.actions">
        <ClaimDecisions claim={claim} />
      </Section>
      <Eligibility claim={claim} />
      <Benefit claim={claim} />
      <Documents claim={claim} />
      <Payment claim={claim} />
      <History claim={claim} />
    </Stack>
  );
}

function Actions() {
  return (
    <TopToolbar>
      <ListButton label="jaring.claims.back" />
    </TopToolbar>
  );
}

/** `Klaim 1a2b3c4d` in the app bar, as in the queue. */
function ClaimTitle() {
  const claim = useRecordContext<{ id: string }>();
  const translate = useTranslate();
  return <>{claim ? translate('jaring.claims.reference', { reference: claim.id.slice(0, 8) }) : ''}</>;
}

export function ClaimShow() {
  return (
    <Show
      title={<ClaimTitle />}
      actions={<Actions />}
      error={<ShowError />}
      // the panel shows the server's words; react-admin's default would say "not found" and leave the page
      queryOptions={{ onError: () => undefined }}
    >
      <ClaimPage />
    </Show>
  );
}

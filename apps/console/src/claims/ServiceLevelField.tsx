// A claim's standing against its service level (GET /v1/claims): working days left, or in red the working days
// late and the late-payment penalty it has accrued, as the claims service counts them.
import Typography from '@mui/material/Typography';
import { useRecordContext, useTranslate } from 'react-admin';
import { rupiah } from '../i18n/format';

interface Standing {
  dueOn: string | null;
  overdue: boolean;
  workingDaysOverdue: number;
  workingDaysLeft: number | null;
  latePenaltyAccrued: number;
}

export function ServiceLevelField(_props: { label?: string; sortable?: boolean }) {
  const claim = useRecordContext<Standing & { id: string }>();
  const translate = useTranslate();
  if (!claim) return null;
  if (claim.workingDaysLeft === null)
    return (
      <Typography variant="body2" color="text.secondary">
        {translate('jaring.claims.standing.no_due_date')}
      </Typography>
    );
  if (claim.overdue) {
    const late = translate('jaring.claims.standing.overdue', { smart_count: claim.workingDaysOverdue });
    const penalty = claim.latePenaltyAccrued
      ? `, ${translate('jaring.claims.standing.penalty', { amount: rupiah(claim.latePenaltyAccrued) })}`
      : '';
    return (
      <Typography variant="body2" color="error" fontWeight="bold" data-testid="overdue">
        {late}
        {penalty}
      </Typography>
    );
  }
  return (
    <Typography variant="body2">
      {claim.workingDaysLeft === 0
        ? translate('jaring.claims.standing.due_today')
        : translate('jaring.claims.standing.days_left', { smart_count: claim.workingDaysLeft })}
    </Typography>
  );
}

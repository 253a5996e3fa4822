// A payment's share of each invoice: `November 2026: Rp16.800`, one line per month it settled.
import Typography from '@mui/material/Typography';
import { useRecordContext, useTranslate } from 'react-admin';
import { period, rupiah } from '../i18n/format';
import { useLocale } from '../layout/fields';

export function AppliedToField({ source }: { source: string; label?: string; sortable?: boolean }) {
  const record = useRecordContext<Record<string, unknown>>();
  const translate = useTranslate();
  const locale = useLocale();
  const parts = (record?.[source] ?? []) as Array<{ period: string; amount: number }>;
  return (
    <>
      {parts.map((part) => (
        <Typography key={part.period} variant="body2">
          {translate('jaring.workers.applied_to', { period: period(part.period, locale), amount: rupiah(part.amount) })}
        </Typography>
      ))}
    </>
  );
}

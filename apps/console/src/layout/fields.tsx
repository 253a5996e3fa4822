// Fields that show the API's values the Indonesian way (i18n/format.ts) and its codes in words.
import { useLocaleState, useRecordContext, useTranslate } from 'react-admin';
import Typography from '@mui/material/Typography';
import { calendarDate, period, rupiah, wholeNumber, type Locale } from '../i18n/format';

interface SourceProps {
  source: string;
  /** react-admin reads it for the column header */
  label?: string;
  sortable?: boolean;
}

function useValue(source: string): unknown {
  const record = useRecordContext<Record<string, unknown>>();
  return record?.[source];
}

export function useLocale(): Locale {
  const [locale] = useLocaleState();
  return locale === 'en' ? 'en' : 'id';
}

export function MoneyField({ source }: SourceProps) {
  const value = useValue(source);
  return <Typography variant="body2">{typeof value === 'number' ? rupiah(value) : ''}</Typography>;
}

/** A count (workers, claims): `1.250`. */
export function CountField({ source }: SourceProps) {
  const value = useValue(source);
  return <Typography variant="body2">{typeof value === 'number' ? wholeNumber(value) : ''}</Typography>;
}

export function CalendarDateField({ source }: SourceProps) {
  const value = useValue(source);
  const locale = useLocale();
  return <Typography variant="body2">{typeof value === 'string' ? calendarDate(value, locale) : ''}</Typography>;
}

export function PeriodField({ source }: SourceProps) {
  const value = useValue(source);
  const locale = useLocale();
  return <Typography variant="body2">{typeof value === 'string' ? period(value, locale) : ''}</Typography>;
}

/** An API code (`ACTIVE`, `OJEK_DRIVER`) in words: the message `<codes>.<value>`, else the code itself. */
export function CodeField({ source, codes }: SourceProps & { codes: string }) {
  const value = useValue(source);
  const translate = useTranslate();
  const text = typeof value === 'string' ? translate(`${codes}.${value}`, { _: value }) : '';
  return <Typography variant="body2">{text}</Typography>;
}

// Bahasa Indonesia first, English as an option (the locale menu in the app bar); react-admin remembers the
// choice in the browser.
import polyglotI18nProvider from 'ra-i18n-polyglot';
import type { TranslationMessages } from 'react-admin';
import englishMessages from 'ra-language-english';
import { claimsMessages } from '../claims/claims-messages';
import { payoutsMessages } from '../payouts/payouts-messages';
import { consoleEnglish } from './messages-en';
import { consoleIndonesian } from './messages-id';
import { raIndonesian } from './ra-indonesian';
import { type AreaMessages, mergeMessages } from './area-messages';
import type { Locale } from './format';
import { programmesMessages } from '../programmes/messages';

import { workerImportsMessages } from '../worker-imports/messages';
import { workersMessages } from '../workers/messages';

/** The words of each area that keeps its own (i18n/area-messages.ts). */
const AREAS: Array<AreaMessages<object>> = [workersMessages, workerImportsMessages, programmesMessages, claimsMessages, payoutsMessages];

/** Every word of the console, react-admin's included, by language. */
export const MESSAGES: Record<Locale, TranslationMessages> = {
  id: mergeMessages(raIndonesian, consoleIndonesian, ...AREAS.map((area) => area.id)) as TranslationMessages,
  en: mergeMessages(englishMessages, consoleEnglish, ...AREAS.map((area) => area.en)) as TranslationMessages,
};

export const i18nProvider = polyglotI18nProvider((locale) => MESSAGES[locale === 'en' ? 'en' : 'id'], 'id', [
  { locale: 'id', name: 'Bahasa Indonesia' },
  { locale: 'en', name: 'English' },
]);

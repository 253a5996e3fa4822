import englishMessages from 'ra-language-english';
import { mergeMessages } from '../../apps/console/src/i18n/area-messages';
import { MESSAGES } from '../../apps/console/src/i18n/i18n-provider';
import { consoleEnglish } from '../../apps/console/src/i18n/messages-en';
import { consoleIndonesian } from '../../apps/console/src/i18n/messages-id';
import { raIndonesian } from '../../apps/console/src/i18n/ra-indonesian';
import { claimsMessages } from '../../apps/console/src/claims/claims-messages';
import { payoutsMessages } from '../../apps/console/src/payouts/payouts-messages';

// Each area of the console keeps its own words; merged, no area may overwrite another's.
describe("the console's messages, merged from its areas", () => {
  it('merges the trees of several areas key by key', () => {
    const merged = mergeMessages(
      { jaring: { claims: { title: 'Klaim' } }, resources: { claims: { name: 'Klaim' } } },
      { jaring: { payouts: { title: 'Pembayaran' } }, resources: { payouts: { name: 'Pembayaran' } } },
    );
    expect(merged).toEqual({
      jaring: { claims: { title: 'Klaim' }, payouts: { title: 'Pembayaran' } },
      resources: { claims: { name: 'Klaim' }, payouts: { name: 'Pembayaran' } },
    });
  });

  it('refuses a word two areas both set, naming its key', () => {
    expect(() => mergeMessages({ jaring: { menu: { claims: 'Klaim' } } }, { jaring: { menu: { claims: 'Klaim lagi' } } })).toThrow(
      "the console's message jaring.menu.claims is set twice",
    );
  });

  it("keeps react-admin's words and the console's apart in both languages", () => {
    expect(() => mergeMessages(raIndonesian, consoleIndonesian)).not.toThrow();
    expect(() => mergeMessages(englishMessages, consoleEnglish)).not.toThrow();
  });

  it('leaves the parts it merged as they were', () => {
    const part = { jaring: { menu: { claims: 'Klaim' } } };
    mergeMessages(part, { jaring: { menu: { payouts: 'Pembayaran' } } });
    expect(part).toEqual({ jaring: { menu: { claims: 'Klaim' } } });
  });

  it("has every area's words in both languages, under the same keys", () => {
    const keysOf = (tree: object, path = ''): string[] =>
      Object.entries(tree).flatMap(([key, value]) =>
        typeof value === 'object' && value !== null ? keysOf(value as object, `${path}${key}.`) : [`${path}${key}`],
      );
    const indonesian = keysOf(MESSAGES.id.jaring as object);
    expect(indonesian).toEqual(expect.arrayContaining(['menu.worker_imports', 'workers.search', 'worker_imports.upload_button']));
    expect(keysOf(MESSAGES.en.jaring as object).sort()).toEqual(indonesian.sort());
  });
});

describe("the claims and payouts areas' words", () => {
  it("merge with the console's in both languages without setting a word twice", () => {
    expect(() => mergeMessages(raIndonesian, consoleIndonesian, claimsMessages.id, payoutsMessages.id)).not.toThrow();
    expect(() => mergeMessages(englishMessages, consoleEnglish, claimsMessages.en, payoutsMessages.en)).not.toThrow();
  });
});

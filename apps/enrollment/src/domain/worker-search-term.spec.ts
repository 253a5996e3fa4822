import { nameWords } from './name-words';
import { parseSearchTerm } from './worker-search-term';

describe('the words of a name, as the worker search compares them', () => {
  it('folds case and accents, and splits on spaces and punctuation', () => {
    expect(nameWords('Yohanes Nahak')).toEqual(['yohanes', 'nahak']);
    expect(nameWords('NAHAK, Yohanes')).toEqual(['nahak', 'yohanes']);
    expect(nameWords('Ayu-Lestari S.Pd.')).toEqual(['ayu', 'lestari', 's', 'pd']);
    expect(nameWords('Élisabeth Ngurah')).toEqual(['elisabeth', 'ngurah']);
    expect(nameWords('Ｙｏｈａｎｅｓ')).toEqual(['yohanes']); // full-width letters (NFKD)
  });

  it('drops apostrophes inside a word, and keeps each word once', () => {
    expect(nameWords("Ma'ruf Amin")).toEqual(['maruf', 'amin']);
    expect(nameWords('Ma’ruf')).toEqual(['maruf']);
    expect(nameWords('Bili Bili Lay')).toEqual(['bili', 'lay']);
    expect(nameWords(' -- ')).toEqual([]);
  });
});

describe('q of the worker search', () => {
  it('is a membership number when it is 11 digits, a NIK when 16, separators forgiven', () => {
    expect(parseSearchTerm('10000000013')).toEqual({ kind: 'membershipNumber', membershipNumber: '10000000013' });
    expect(parseSearchTerm(' 5371012507900001 ')).toEqual({ kind: 'nik', nik: '5371012507900001' });
    expect(parseSearchTerm('5371 0125 0790 0001')).toEqual({ kind: 'nik', nik: '5371012507900001' });
    expect(parseSearchTerm('5371-01-250790-0001')).toEqual({ kind: 'nik', nik: '5371012507900001' });
  });

  it('is the words of a name otherwise', () => {
    expect(parseSearchTerm('nahak')).toEqual({ kind: 'name', words: ['nahak'] });
    expect(parseSearchTerm('Yohanes NAHAK')).toEqual({ kind: 'name', words: ['yohanes', 'nahak'] });
    expect(parseSearchTerm('Nahak 2')).toEqual({ kind: 'name', words: ['nahak', '2'] });
  });

  it('refuses what cannot be searched for, without repeating it', () => {
    expect(parseSearchTerm('a')).toEqual({ invalid: 'q must be 2 to 100 characters' });
    expect(parseSearchTerm('  a  ')).toEqual({ invalid: 'q must be 2 to 100 characters' });
    expect(parseSearchTerm('x'.repeat(101))).toEqual({ invalid: 'q must be 2 to 100 characters' });
    expect(parseSearchTerm('537101250790')).toEqual({ invalid: 'q of digits must be an 11-digit membership number or a 16-digit NIK' });
    expect(parseSearchTerm('?!')).toEqual({ invalid: 'q must be a name, an 11-digit membership number or a 16-digit NIK' });
  });
});

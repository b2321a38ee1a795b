import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyseQuery, dropLastTerm, type AnalysedQuery, type QueryAlternative } from '../../server/domain/query-analysis';
import { isVietnameseSyllable, isVietnameseSyllablePrefix } from '../../server/domain/syllable';
import { findSynonyms } from '../../server/domain/synonyms';
import { decodeTelex, decodeVni } from '../../server/domain/telex';
import { findTypoCandidates, typoBudget, typoCost } from '../../server/domain/typo';
import { foldedWords } from '../../server/domain/vietnamese';
import { createVocabulary } from '../../server/domain/vocabulary';

// TEST FIXTURE: invented product names in the style of the OCOP registry; the vocabulary
// the analyser sees is the folded words of these names with their document counts.
const FIXTURE_NAMES = [
  'Gà đồi Ba Vì',
  'Gà Đông Tảo Khoái Châu',
  'Trứng gà ác',
  'Miến dong làng So',
  'Gạo ST25 Sóc Trăng',
  'Kẹo lạc Đức Giang',
  'Đậu phộng rang muối Tây Ninh',
  'Thịt lợn gác bếp',
  'Chè Shan tuyết Suối Giàng',
  'Trà hoa vàng Ba Chẽ',
  'Nước mắm Phú Quốc Khải Hoàn',
  'Bánh đa nem làng Chều',
  'Đường phèn Quảng Ngãi',
  'Hồng không hạt Bắc Kạn',
  'Rượu ngô Bắc Hà',
  'Bắp nếp Đắk Lắk',
  'Macca Quyền Nguyệt',
  'Hạt mắc ca Mơ Nông',
  'Bún Hà Nội',
  'Xoong nồi nhôm',
  'Nguyễn Văn Hưng',
  'Nước cốt dừa Bến Tre',
  'Kẹo dừa Bến Tre',
  'Dứa Queen Đồng Giao',
  'Thơm mật Tiền Giang',
  'Curcumin nano',
];

function fixtureVocabulary() {
  const counts = new Map<string, number>();
  for (const name of FIXTURE_NAMES) for (const word of new Set(foldedWords(name))) counts.set(word, (counts.get(word) ?? 0) + 1);
  return createVocabulary(counts);
}

const vocabulary = fixtureVocabulary();
const analyse = (raw: string) => analyseQuery(raw, vocabulary);
const readings = (query: AnalysedQuery, term: number) => query.terms[term]?.alternatives.map((a: QueryAlternative) => `${a.kind}:${a.words.join(' ')}`) ?? [];

describe('folding and prefixes', () => {
  it('folds capitals and diacritics and keeps what the user typed', () => {
    const query = analyse('GÀ ĐỒI BA VÌ');
    expect(query.folded).toBe('ga doi ba vi');
    expect(query.terms.map((t) => t.typed)).toEqual(['gà', 'đồi', null, 'vì']);
    expect(query.corrections).toEqual([]);
    expect(query.interpreted).toBe('ga doi ba vi');
  });

  it('treats the last word as unfinished unless a space or punctuation follows it', () => {
    expect(analyse('ga do').lastTermIsPrefix).toBe(true);
    expect(analyse('ga do ').lastTermIsPrefix).toBe(false);
    expect(analyse('ga do.').lastTermIsPrefix).toBe(false);
    const typing = analyse('ga do');
    expect(typing.terms[0]?.alternatives[0]?.prefix).toBe(false);
    expect(typing.terms[1]?.alternatives[0]?.prefix).toBe(true);
  });

  it('reads punctuation, FTS5 operators and symbols as separators, never as syntax', () => {
    expect(analyse('"gà" AND (đồi OR *) NEAR -ba:vì').folded).toBe('ga and doi or near ba vi');
    expect(analyse('***').terms).toEqual([]);
    expect(analyse('').terms).toEqual([]);
  });

  it('cuts very long pastes to a bounded number of terms', () => {
    expect(analyse('ga '.repeat(500)).terms.length).toBeLessThanOrEqual(10);
  });

  it('never throws and only ever emits folded [a-z0-9] words', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (raw) => {
        const query = analyse(raw);
        const words = [...query.terms.flatMap((t) => t.alternatives), ...query.spans.flatMap((s) => s.alternatives)].flatMap((a) => a.words);
        return words.every((word) => /^[a-z0-9]+$/.test(word));
      }),
      { numRuns: 500 },
    );
  });
});

describe('Telex and VNI leftovers', () => {
  it('decodes Telex keystrokes typed with the input method off', () => {
    // "hoong" is a real rhyme too (xoong, boong); the vocabulary decides between them.
    expect(decodeTelex('hoongf')).toEqual(['hong', 'hoong']);
    expect(analyse('hoongf ').interpreted).toBe('hong');
    expect(decodeTelex('mieen')).toEqual(['mien']);
    expect(decodeTelex('gaf')).toEqual(['ga']);
    expect(decodeTelex('dduowng')).toEqual(['duong']);
    expect(decodeTelex('nguyeenx')).toEqual(['nguyen']);
    expect(decodeTelex('truwowngf')).toEqual(['truong']);
    expect(decodeTelex('hoofng')[0]).toBe('hong'); // tone key before the final consonant
    expect(decodeTelex('nhw')).toEqual(['nhu']); // a lone w is ư
  });

  it('leaves codes, loanwords and real "oo" words alone', () => {
    expect(decodeTelex('st25')).toEqual([]);
    expect(decodeTelex('organic')).toEqual([]);
    expect(decodeTelex('ga')).toEqual([]);
    expect(decodeTelex('xoong')).toEqual(['xong']); // a reading is offered…
    expect(readings(analyse('xoong '), 0)).toEqual(['exact:xoong']); // …but not used for a known word
  });

  it('decodes VNI digits only where the result is a syllable', () => {
    expect(decodeVni('ga2')).toBe('ga');
    expect(decodeVni('mie6n5')).toBe('mien');
    expect(decodeVni('d9uo7ng2')).toBe('duong');
    expect(decodeVni('st25')).toBeNull();
    expect(decodeVni('a1')).toBeNull();
    expect(decodeVni('500g')).toBeNull();
  });

  it('rewrites a Telex query and reports the corrections', () => {
    const query = analyse('gaf ddooif ba vif');
    expect(query.interpreted).toBe('ga doi ba vi');
    expect(query.corrections).toEqual([
      { from: 'gaf', to: 'ga', kind: 'telex' },
      { from: 'ddooif', to: 'doi', kind: 'telex' },
      { from: 'vif', to: 'vi', kind: 'telex' },
    ]);
    expect(analyse('mieen dong lang so').interpreted).toBe('mien dong lang so');
    expect(analyse('mie6n5 dong la2ng so').interpreted).toBe('mien dong lang so');
  });

  it('decodes a word still being typed as a prefix', () => {
    const query = analyse('gaf ddo');
    expect(query.terms[1]?.alternatives[0]).toEqual({ words: ['do'], kind: 'telex', cost: 0, prefix: true });
  });
});

describe('typos', () => {
  it('allows one edit from 4 letters, two from 8, none below 4', () => {
    expect([typoBudget(3), typoBudget(4), typoBudget(7), typoBudget(8)]).toEqual([0, 1, 1, 2]);
  });

  it('counts transpositions as one edit and a wrong first letter as two', () => {
    expect(typoCost('lnag', 'lang', 1)).toBe(1);
    expect(typoCost('nguyn', 'nguyen', 1)).toBe(1);
    expect(typoCost('bguyen', 'nguyen', 1)).toBe(2);
    expect(typoCost('bguyen', 'nguyen', 2)).toBe(2);
    expect(typoCost('quag', 'quang', 1, true)).toBe(1);
  });

  it('offers typo readings for unknown words only', () => {
    expect(readings(analyse('mien dong lnag so '), 2)).toEqual(['typo:lang', 'exact:lnag']);
    expect(analyse('mien dong lnag so').corrections).toEqual([{ from: 'lnag', to: 'lang', kind: 'typo' }]);
    // "hong" is known: no typo reading even though "hung" and "hoa" are close.
    expect(readings(analyse('hong '), 0)).toEqual(['exact:hong']);
    // Three letters get no typo reading.
    expect(readings(analyse('gqo '), 0)).toEqual(['exact:gqo']);
  });

  it('tolerates two edits in long words, and typos in a word being typed', () => {
    expect(findTypoCandidates('curcumim', vocabulary)).toEqual([{ word: 'curcumin', cost: 1 }]);
    expect(findTypoCandidates('cucrumni', vocabulary)).toEqual([{ word: 'curcumin', cost: 2 }]);
    // While typing, candidates are prefixes: "nguye" covers both "nguyen" and "nguyet".
    expect(findTypoCandidates('nguyn', vocabulary, true)).toEqual([{ word: 'nguye', cost: 1 }]);
    expect(findTypoCandidates('quag', createVocabulary([['quang', 3], ['qua', 1]]), true)).toEqual([{ word: 'qua', cost: 1 }]);
  });
});

describe('split and join', () => {
  it('splits run-together words the vocabulary knows as parts', () => {
    expect(readings(analyse('hanoi '), 0)).toEqual(['split:ha noi', 'exact:hanoi']);
    expect(analyse('bavi ').interpreted).toBe('ba vi');
    expect(analyse('hanoi').corrections).toEqual([{ from: 'hanoi', to: 'ha noi', kind: 'split' }]);
  });

  it('also splits a known run-together spelling, behind the exact reading', () => {
    expect(readings(analyse('macca '), 0)).toEqual(['exact:macca', 'split:mac ca']);
  });

  it('joins words the vocabulary knows together ("st 25" → "st25")', () => {
    const query = analyse('gao st 25');
    expect(query.spans).toEqual([{ start: 1, length: 2, alternatives: [{ words: ['st25'], kind: 'join', cost: 0, prefix: true }] }]);
    expect(query.interpreted).toBe('gao st25');
    expect(query.corrections).toEqual([{ from: 'st 25', to: 'st25', kind: 'join' }]);
  });
});

describe('regional synonyms', () => {
  it('expands a word to its other regional names', () => {
    expect(readings(analyse('lac '), 0)).toEqual(['exact:lac', 'synonym:dau phong']);
    expect(readings(analyse('heo '), 0)).toEqual(['exact:heo', 'synonym:lon']);
    expect(analyse('ngô ').terms[0]?.alternatives.map((a) => a.words.join(' '))).toEqual(['ngo', 'bap']);
  });

  it('reads a two-word name as a span ("đậu phộng" → "lạc")', () => {
    const query = analyse('keo dau phong ');
    expect(query.spans).toEqual([{ start: 1, length: 2, alternatives: [{ words: ['lac'], kind: 'synonym', cost: 0, prefix: false }] }]);
  });

  it('uses the accents typed to tell folded look-alikes apart', () => {
    // dứa (pineapple) and dừa (coconut) both fold to "dua".
    expect(findSynonyms(['dua'], ['dứa']).map((s) => s.words.join(' '))).toEqual(['thom', 'khom']);
    expect(findSynonyms(['dua'], ['dừa'])).toEqual([]);
    expect(findSynonyms(['dua'], [null]).map((s) => s.words.join(' '))).toEqual(['thom', 'khom']);
    // ngò (coriander) is not ngô (corn).
    expect(readings(analyse('ngò '), 0)).toEqual(['exact:ngo']);
  });

  it('gives a word still being typed no synonyms until it is a known word of 3+ letters', () => {
    expect(readings(analyse('na'), 0)).toEqual(['exact:na']);
    expect(readings(analyse('tra'), 0)).toEqual(['exact:tra', 'synonym:che']);
  });
});

describe('dropping the last term', () => {
  it('removes the term, its spans and its corrections', () => {
    const query = analyse('gao st 25');
    const shorter = dropLastTerm(query);
    expect(shorter.terms.map((t) => t.text)).toEqual(['gao', 'st']);
    expect(shorter.spans).toEqual([]);
    expect(shorter.lastTermIsPrefix).toBe(false);
    expect(shorter.interpreted).toBe('gao st');
  });
});

describe('syllable shapes', () => {
  it('accepts real syllables and rejects codes', () => {
    for (const syllable of ['ga', 'nghieng', 'khuyen', 'quoc', 'gi', 'xoong', 'duong', 'oi', 'uyen']) expect(isVietnameseSyllable(syllable)).toBe(true);
    for (const token of ['st25', 'ocop', 'hanoi', 'gaf', 'mieen', 'w']) expect(isVietnameseSyllable(token)).toBe(false);
    expect(isVietnameseSyllablePrefix('ngh')).toBe(true);
    expect(isVietnameseSyllablePrefix('dd')).toBe(false);
  });
});

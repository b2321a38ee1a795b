// What a shopper's query means, worked out once and shared by both search engines: fold,
// undo Telex/VNI keystrokes, offer typo/split/join rewrites for words the index does not
// know, and add regional synonyms. The output is engine-neutral: a list of terms (one per
// typed word), each with alternative readings, plus spans that read a run of terms as
// one thing ("st 25" → "st25", "đậu phộng" → "lạc"). A document matches when every term,
// or a span covering it, matches through one of its alternatives.

import { findSynonyms, LONGEST_SYNONYM_PHRASE } from './synonyms';
import { isVietnameseSyllable, isVietnameseSyllablePrefix } from './syllable';
import { decodeTelex, decodeVni } from './telex';
import { findTypoCandidates } from './typo';
import { foldVietnamese, tokenizeFolded } from './vietnamese';
import type { Vocabulary } from './vocabulary';

export type AlternativeKind = 'exact' | 'telex' | 'typo' | 'synonym' | 'split' | 'join';

/** One reading of a term or span: folded words that must stand consecutively in a document. */
export interface QueryAlternative {
  words: string[];
  kind: AlternativeKind;
  /** Edits this reading assumes (typo distance, 1 for a split); ranks after words matched. */
  cost: number;
  /** The last word may be the start of a longer word (the user is still typing it). */
  prefix: boolean;
}

export interface QueryTerm {
  /** The word as typed, folded. */
  text: string;
  /** The word as typed (lowercase NFC) when it carried diacritics, else null. */
  typed: string | null;
  /** Readings, the most likely first; the exact reading is always among them. */
  alternatives: QueryAlternative[];
  /** True when some reading can match a known word. */
  known: boolean;
}

/** Readings of terms[start … start+length-1] taken together; spans never overlap. */
export interface QuerySpan {
  start: number;
  length: number;
  alternatives: QueryAlternative[];
}

export interface QueryCorrection {
  from: string;
  to: string;
  kind: AlternativeKind;
}

export interface AnalysedQuery {
  raw: string;
  /** The typed words, folded, joined by spaces. */
  folded: string;
  terms: QueryTerm[];
  spans: QuerySpan[];
  /** The query does not end in a space or punctuation, so its last word may be unfinished. */
  lastTermIsPrefix: boolean;
  /** Rewrites the analyser is confident of, for the UI's "did you mean". */
  corrections: QueryCorrection[];
  /** The query as the engines will most likely read it. */
  interpreted: string;
}

/** Long pastes are cut: nobody searches a product with more words than this. */
export const MAX_QUERY_TERMS = 10;
const MAX_QUERY_CHARS = 200;
const MAX_SPLITS = 2;

interface TypedWord {
  folded: string;
  typed: string | null;
}

/** Analyse a raw query against the words an index knows. */
export function analyseQuery(raw: string, vocabulary: Vocabulary): AnalysedQuery {
  const text = raw.slice(0, MAX_QUERY_CHARS).normalize('NFC');
  const words = splitTypedWords(text).slice(0, MAX_QUERY_TERMS);
  const lastTermIsPrefix = words.length > 0 && /[\p{L}\p{M}\p{N}]$/u.test(text);
  const terms = words.map((word, i) => analyseWord(word, lastTermIsPrefix && i === words.length - 1, vocabulary));
  const spans = findSpans(terms, lastTermIsPrefix, vocabulary);
  return describe(raw, terms, spans, lastTermIsPrefix);
}

/** The same query without its last term, for the retry when nothing matches. */
export function dropLastTerm(query: AnalysedQuery): AnalysedQuery {
  const terms = query.terms.slice(0, -1);
  const spans = query.spans.filter((span) => span.start + span.length <= terms.length);
  return describe(query.raw, terms, spans, false);
}

function describe(raw: string, terms: QueryTerm[], spans: QuerySpan[], lastTermIsPrefix: boolean): AnalysedQuery {
  const corrections: QueryCorrection[] = [];
  const interpreted: string[] = [];
  for (let i = 0; i < terms.length; ) {
    const span = spans.find((s) => s.start === i);
    const join = span?.alternatives.find((alternative) => alternative.kind === 'join');
    const covered = span ? terms.slice(i, i + span.length) : [];
    // A join is a correction only when the words apart would not match anything.
    if (span && join && covered.some((term) => !term.known)) {
      corrections.push({ from: covered.map((term) => term.text).join(' '), to: join.words.join(' '), kind: 'join' });
      interpreted.push(...join.words);
      i += span.length;
      continue;
    }
    const term = terms[i] as QueryTerm;
    const primary = term.alternatives[0] as QueryAlternative;
    if (primary.kind !== 'exact') corrections.push({ from: term.text, to: primary.words.join(' '), kind: primary.kind });
    interpreted.push(...primary.words);
    i += 1;
  }
  return {
    raw,
    folded: terms.map((term) => term.text).join(' '),
    terms,
    spans,
    lastTermIsPrefix,
    corrections,
    interpreted: interpreted.join(' '),
  };
}

/** Words as typed, each folded; keeps the accented form when the user typed diacritics. */
function splitTypedWords(text: string): TypedWord[] {
  const words: TypedWord[] = [];
  for (const piece of text.match(/[\p{L}\p{M}\p{N}]+/gu) ?? []) {
    const folded = tokenizeFolded(foldVietnamese(piece));
    const lower = piece.toLowerCase();
    for (const token of folded) words.push({ folded: token, typed: folded.length === 1 && lower !== token ? lower : null });
  }
  return words;
}

function analyseWord(word: TypedWord, prefix: boolean, vocabulary: Vocabulary): QueryTerm {
  const { folded: text } = word;
  const knows = (candidate: string, asPrefix: boolean) => (asPrefix ? vocabulary.hasPrefix(candidate) : vocabulary.frequency(candidate) > 0);
  const known = knows(text, prefix);
  const exact: QueryAlternative = { words: [text], kind: 'exact', cost: 0, prefix };
  const readings: QueryAlternative[] = [];

  const wellFormed = prefix ? isVietnameseSyllablePrefix(text) : isVietnameseSyllable(text);
  if (!wellFormed || !known) {
    const vni = decodeVni(text, prefix);
    for (const reading of [...decodeTelex(text, prefix), ...(vni ? [vni] : [])]) {
      if (knows(reading, prefix)) readings.push({ words: [reading], kind: 'telex', cost: 0, prefix });
    }
  }
  // A run-together word ("hanoi", "macca" for "mắc ca") is split even when some product
  // spells it that way: the index may hold both spellings.
  if ((!known || !wellFormed) && readings.length === 0) {
    for (const parts of splitWord(text, prefix, vocabulary)) readings.push({ words: parts, kind: 'split', cost: 1, prefix });
  }
  if (!known && readings.length === 0) {
    for (const candidate of findTypoCandidates(text, vocabulary, prefix)) {
      readings.push({ words: [candidate.word], kind: 'typo', cost: candidate.cost, prefix });
    }
  }

  const alternatives = known ? [exact, ...readings] : [...readings, exact];
  const primary = alternatives[0] as QueryAlternative;
  // A word still being typed gets synonyms only once it is a whole known word of 3+ letters.
  const synonymSource = primary.kind === 'exact' || primary.kind === 'telex' ? (primary.words[0] as string) : null;
  if (synonymSource && (!prefix || (synonymSource.length >= 3 && vocabulary.frequency(synonymSource) > 0))) {
    const typed = primary.kind === 'exact' ? word.typed : null;
    for (const synonym of findSynonyms([synonymSource], [typed])) {
      alternatives.push({ words: synonym.words, kind: 'synonym', cost: 0, prefix: false });
    }
  }
  return { text, typed: word.typed, alternatives, known: known || readings.length > 0 };
}

/** Up to two ways to read a run-together word as known words ("hanoi" → "ha noi"). */
function splitWord(text: string, prefix: boolean, vocabulary: Vocabulary): string[][] {
  if (text.length < 4 || text.length > 24) return [];
  const whole = (part: string) => part.length >= 2 && vocabulary.frequency(part) > 0;
  const last = (part: string) => part.length >= 2 && (prefix ? vocabulary.hasPrefix(part) : vocabulary.frequency(part) > 0);
  const found: { parts: string[]; weight: number }[] = [];
  for (let i = 2; i <= text.length - 2; i += 1) {
    const head = text.slice(0, i);
    if (!whole(head)) continue;
    const rest = text.slice(i);
    if (last(rest)) found.push({ parts: [head, rest], weight: 0 });
    for (let j = 2; j <= rest.length - 2; j += 1) {
      if (whole(rest.slice(0, j)) && last(rest.slice(j))) found.push({ parts: [head, rest.slice(0, j), rest.slice(j)], weight: 0 });
    }
  }
  // Fewer parts first, then the reading whose rarest part is commonest (as Meilisearch picks).
  for (const candidate of found) candidate.weight = Math.min(...candidate.parts.map((part) => Math.max(1, vocabulary.frequency(part))));
  found.sort((a, b) => a.parts.length - b.parts.length || b.weight - a.weight);
  return found.slice(0, MAX_SPLITS).map((candidate) => candidate.parts);
}

/** Multi-word synonyms and joins over consecutive terms, longest first, left to right. */
function findSpans(terms: QueryTerm[], lastTermIsPrefix: boolean, vocabulary: Vocabulary): QuerySpan[] {
  const spans: QuerySpan[] = [];
  const soleWord = (term: QueryTerm) => {
    const primary = term.alternatives[0] as QueryAlternative;
    return primary.words.length === 1 && primary.kind !== 'split' ? (primary.words[0] as string) : null;
  };
  for (let start = 0; start < terms.length; ) {
    let span: QuerySpan | null = null;
    for (let length = Math.min(LONGEST_SYNONYM_PHRASE, terms.length - start); length >= 2 && !span; length -= 1) {
      const run = terms.slice(start, start + length);
      const words = run.map(soleWord);
      if (words.some((word) => word === null)) continue;
      const alternatives: QueryAlternative[] = [];
      const endsQuery = start + length === terms.length;
      // A phrase still being typed ("dau pho") is not yet a synonym of anything.
      if (!(endsQuery && lastTermIsPrefix && !run.every((term) => vocabulary.frequency(term.text) > 0))) {
        const typed = run.map((term) => ((term.alternatives[0] as QueryAlternative).kind === 'exact' ? term.typed : null));
        for (const synonym of findSynonyms(words as string[], typed)) alternatives.push({ words: synonym.words, kind: 'synonym', cost: 0, prefix: false });
      }
      if (length === 2) {
        const joined = words.join('');
        const prefix = endsQuery && lastTermIsPrefix;
        if (prefix ? vocabulary.hasPrefix(joined) : vocabulary.frequency(joined) > 0) alternatives.push({ words: [joined], kind: 'join', cost: 0, prefix });
      }
      if (alternatives.length > 0) span = { start, length, alternatives };
    }
    if (span) spans.push(span);
    start += span ? span.length : 1;
  }
  return spans;
}

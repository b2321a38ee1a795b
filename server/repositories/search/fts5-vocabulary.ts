import type Database from 'better-sqlite3';
import { createVocabulary, type Vocabulary } from '../../domain/vocabulary';
import { VOCAB_TABLE } from './fts5-schema';

export interface Fts5Vocabulary {
  /** Indexed words and their document counts, for the query analyser. */
  words: Vocabulary;
  /** Documents carrying each filter token ("_s4", "_p…"), to judge how selective a filter is. */
  filterTokenCount(token: string): number;
}

/** Read every indexed token and its document count from fts5vocab into memory. */
export function loadFts5Vocabulary(db: Database.Database): Fts5Vocabulary {
  const words: [string, number][] = [];
  const filterTokens = new Map<string, number>();
  for (const [term, count] of db.prepare(`SELECT term, doc FROM ${VOCAB_TABLE}`).raw().iterate() as IterableIterator<[string, number]>) {
    if (term.startsWith('_')) filterTokens.set(term, count);
    else words.push([term, count]);
  }
  return { words: createVocabulary(words), filterTokenCount: (token) => filterTokens.get(token) ?? 0 };
}

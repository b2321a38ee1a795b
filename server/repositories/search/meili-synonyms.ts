// Regional synonyms as a Meilisearch `synonyms` setting, from the same groups the shared
// query analyser uses (server/domain/synonyms.ts), so the two engines cannot drift apart.

import { REGIONAL_SYNONYM_GROUPS } from '../../domain/synonyms';
import { foldedWords } from '../../domain/vietnamese';

export { REGIONAL_SYNONYM_GROUPS };

/** The accented (lowercase NFC) and folded spellings of a name. */
function spellingsOf(name: string): string[] {
  const accented = name.normalize('NFC').toLowerCase();
  return [...new Set([accented, foldedWords(name).join(' ')])];
}

/**
 * Meilisearch synonyms: every spelling of each name maps to every spelling of the other
 * names in its groups. The query reaches Meilisearch folded, so the folded keys are the
 * ones that fire; the accented ones keep the setting readable and cover raw queries.
 */
export function buildMeiliSynonyms(groups: readonly (readonly string[])[]): Record<string, string[]> {
  const synonyms = new Map<string, Set<string>>();
  for (const group of groups) {
    for (const name of group) {
      const own = spellingsOf(name);
      for (const key of own) {
        const targets = synonyms.get(key) ?? new Set<string>();
        for (const other of group) {
          if (other === name) continue;
          for (const spelling of spellingsOf(other)) if (!own.includes(spelling)) targets.add(spelling);
        }
        synonyms.set(key, targets);
      }
    }
  }
  const result: Record<string, string[]> = {};
  for (const key of [...synonyms.keys()].sort()) {
    const targets = [...(synonyms.get(key) as Set<string>)].sort();
    if (targets.length > 0) result[key] = targets;
  }
  return result;
}

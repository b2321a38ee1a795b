// Undo Telex and VNI keystrokes left in a query when the user's input method was off
// ("gaf ddooif" = "gà đồi", "ga2" = "gà"). Folded Vietnamese never contains w, a leading
// dd, doubled aa/ee/oo (bar xoong/ooc), or s f r x j z after the vowel, so those letters
// are keystrokes. A rewrite is kept only if it yields the shape of a real syllable.

import { isVietnameseSyllable, isVietnameseSyllablePrefix } from './syllable';

const TONE_KEYS = /[sfrxjz]/g;
const FIRST_VOWEL = /[aeiouyw]/;

/** True when a folded token carries a Telex keystroke that real Vietnamese never spells. */
export function hasTelexMarks(token: string): boolean {
  if (/[w]|^dd|aa|ee|oo/.test(token)) return true;
  const vowel = token.search(FIRST_VOWEL);
  return vowel >= 0 && /[sfrxjz]/.test(token.slice(vowel + 1));
}

/** Folded readings of a token typed in Telex ("hoongf" → ["hong"]); empty when none fits. */
export function decodeTelex(token: string, prefix = false): string[] {
  if (!/^[a-z]+$/.test(token) || !hasTelexMarks(token)) return [];
  let text = token.startsWith('dd') ? token.slice(1) : token;
  const vowel = text.search(FIRST_VOWEL);
  if (vowel >= 0) text = text.slice(0, vowel + 1) + text.slice(vowel + 1).replace(TONE_KEYS, '');
  // aw/ow/uw are ă/ơ/ư; a lone w is ư ("nhw" = "như").
  text = text.replace(/([aou])w/g, '$1').replace(/w/g, 'u');
  const readings = [text.replace(/aa/g, 'a').replace(/ee/g, 'e').replace(/oo/g, 'o')];
  // "xoong", "soóc" really spell oo; keep that reading too when it is a syllable.
  if (/oo(ng|c)$/.test(text)) readings.push(text.replace(/aa/g, 'a').replace(/ee/g, 'e'));
  const accept = prefix ? isVietnameseSyllablePrefix : isVietnameseSyllable;
  return [...new Set(readings)].filter((reading) => reading !== token && accept(reading));
}

/** Folded reading of a token typed in VNI ("ga2" → "ga", "d9uo7ng2" → "duong"), or null. */
export function decodeVni(token: string, prefix = false): string | null {
  if (!/^[a-z][a-z1-9]*$/.test(token) || !/[1-9]/.test(token)) return null;
  const letters = token.replace(/[1-9]/g, '');
  if (letters.length < 2 || token.length - letters.length > 3) return null;
  const firstVowel = token.search(/[aeiouy]/);
  if (firstVowel < 0) return null;
  for (let i = 0; i < token.length; i += 1) {
    const char = token.charAt(i);
    if (!/[1-9]/.test(char)) continue;
    const before = token.charAt(i - 1);
    // 9 makes đ, 6/7/8 put a hat, horn or breve on a vowel, 1–5 are tones after the vowel.
    if (char === '9' ? before !== 'd' : char >= '6' ? !/[aeou]/.test(before) : i <= firstVowel) return null;
  }
  const accept = prefix ? isVietnameseSyllablePrefix : isVietnameseSyllable;
  return accept(letters) ? letters : null;
}

// Shape of a folded Vietnamese syllable (onset + rhyme, marks removed). The Telex/VNI
// decoders use it to accept a rewrite only when the result could be a real syllable,
// which keeps codes and loanwords ("st25", "organic") untouched.

const ONSETS = ['ngh', 'ng', 'nh', 'ch', 'gh', 'gi', 'kh', 'ph', 'th', 'tr', 'qu', 'b', 'c', 'd', 'g', 'h', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'x', ''];

// Every rhyme of the language after folding (ă/â → a, ê → e, ô/ơ → o, ư → u, iê/yê → ie/ye, uô/ươ → uo).
const RHYMES = new Set(
  [
    'a ac ach ai am an ang anh ao ap at au ay',
    'e ec ech em en eng enh eo ep et eu',
    'i ia ich iec iem ien ieng iep iet ieu im in inh ip it iu',
    'o oa oac oach oai oam oan oang oanh oao oap oat oay oc oe oen oeo oet oi om on ong ooc oong op ot',
    'u ua uan uang uat uay uc ue uech uen uenh uet ui um un ung uo uoc uoi uom uon uong uop uot uou up ut uu',
    'uy uya uych uyen uyet uynh uyp uyt uyu y yem yen yet yeu',
  ]
    .join(' ')
    .split(' '),
);

/** True when a folded lowercase token has the shape of a Vietnamese syllable. */
export function isVietnameseSyllable(token: string): boolean {
  for (const onset of ONSETS) {
    if (!token.startsWith(onset)) continue;
    const rhyme = token.slice(onset.length);
    if (RHYMES.has(rhyme)) return true;
  }
  return false;
}

let syllablePrefixes: Set<string> | null = null;

/** True when a folded token could be the start of a Vietnamese syllable still being typed. */
export function isVietnameseSyllablePrefix(token: string): boolean {
  if (!syllablePrefixes) {
    syllablePrefixes = new Set();
    for (const onset of ONSETS) {
      for (const rhyme of RHYMES) {
        const syllable = onset + rhyme;
        for (let end = 1; end <= syllable.length; end += 1) syllablePrefixes.add(syllable.slice(0, end));
      }
    }
  }
  return syllablePrefixes.has(token);
}

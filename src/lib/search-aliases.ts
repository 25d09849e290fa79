/**
 * ASCII search aliases for words Pagefind cannot match without their special letters.
 *
 * Pagefind folds letters that decompose into a base letter plus combining marks
 * (`Vučić` is found by `vucic`, `Müller` by `muller`), but letters that are
 * distinct code points with no decomposition are kept as they are: `Đoković`
 * is not found by `djokovic`, `Łódź` not by `lodz`, `Straße` not by `strasse`
 * (checked against Pagefind 1.6). For each word containing such a letter we
 * emit its ASCII spellings, which the article page indexes as hidden text.
 *
 * Pure and deterministic: the output depends only on the input text.
 */

/**
 * Letters without a Unicode decomposition, with their usual ASCII spellings.
 * The first spelling is the primary one; a second one covers a common
 * alternative (`Đ` is written `Dj` in Serbian and `D` in many databases).
 */
const LETTER_SPELLINGS: Readonly<Record<string, readonly string[]>> = {
  Đ: ['Dj', 'D'],
  đ: ['dj', 'd'],
  Ð: ['D'],
  ð: ['d'],
  Ɖ: ['D'],
  ɖ: ['d'],
  Ł: ['L'],
  ł: ['l'],
  Ŀ: ['L'],
  ŀ: ['l'],
  Ø: ['O', 'Oe'],
  ø: ['o', 'oe'],
  ß: ['ss'],
  ẞ: ['SS'],
  Æ: ['AE'],
  æ: ['ae'],
  Œ: ['OE'],
  œ: ['oe'],
  Þ: ['Th'],
  þ: ['th'],
  ı: ['i'],
  ȷ: ['j'],
  Ħ: ['H'],
  ħ: ['h'],
  Ŧ: ['T'],
  ŧ: ['t'],
  Ŋ: ['Ng', 'N'],
  ŋ: ['ng', 'n'],
  ĸ: ['k'],
  ſ: ['s'],
  Ƒ: ['F'],
  ƒ: ['f'],
  Ɛ: ['E'],
  ɛ: ['e'],
  Ɔ: ['O'],
  ɔ: ['o'],
  Ə: ['E', 'A'],
  ə: ['e', 'a'],
  Ɨ: ['I'],
  ɨ: ['i'],
  Ʉ: ['U'],
  ʉ: ['u'],
  Ƶ: ['Z'],
  ƶ: ['z'],
  Ǥ: ['G'],
  ǥ: ['g'],
};

const COMBINING_MARKS = /\p{M}/gu;
const ASCII_WORD = /^[A-Za-z0-9]+$/;

/** What Pagefind itself does to a word: decompose, drop the marks. */
function stripMarks(word: string): string {
  return word.normalize('NFD').replace(COMBINING_MARKS, '');
}

/** True when Pagefind finds `word` by an ASCII spelling without our help. */
function foldsByItself(word: string): boolean {
  return ASCII_WORD.test(stripMarks(word));
}

/**
 * The ASCII spellings of one word, primary first; empty when Pagefind already
 * folds the word, or when it holds letters with no Latin spelling here
 * (Cyrillic, Greek…), which an ASCII alias could not represent honestly.
 */
export function asciiSpellings(word: string): string[] {
  if (foldsByItself(word)) return [];
  // NFKD also opens ligatures and compatibility forms (ﬁ → fi).
  const letters = [...word.normalize('NFKD').replace(COMBINING_MARKS, '')];
  const variants = Math.max(1, ...letters.map((c) => LETTER_SPELLINGS[c]?.length ?? 1));
  const spellings: string[] = [];
  // Variant i uses the i-th spelling of every special letter (or its first):
  // `Đorđević` gives `Djordjevic` and `Dordevic`, not every mixture of the two.
  for (let i = 0; i < variants; i++) {
    const spelling = letters.map((c) => LETTER_SPELLINGS[c]?.[i] ?? LETTER_SPELLINGS[c]?.[0] ?? c).join('');
    if (ASCII_WORD.test(spelling) && !spellings.includes(spelling)) spellings.push(spelling);
  }
  return spellings;
}

/**
 * Every distinct ASCII alias of the words of `text` that Pagefind would not
 * otherwise find by an ASCII spelling, in order of first appearance.
 * Words are compared case-insensitively so `Łódź` and `ŁÓDŹ` give one alias.
 */
export function searchAliases(text: string): string[] {
  const seen = new Set<string>();
  const aliases: string[] = [];
  for (const word of wordsOutsideAscii(text)) {
    for (const alias of asciiSpellings(word)) {
      const key = alias.toLowerCase();
      if (!seen.has(key)) {
        seen.add(key);
        aliases.push(alias);
      }
    }
  }
  return aliases;
}

const NON_ASCII_UNIT = /[\u0080-\uFFFF]/g;
/** A word starting exactly at `lastIndex`. */
const WORD_HERE = /[\p{L}\p{M}\p{N}]+/uy;
const WORD_CHAR = /^[\p{L}\p{M}\p{N}]$/u;

/**
 * The words of `text` (runs of letters, marks and digits)
 * that contain a character outside ASCII, in order. Only those can need an
 * alias, and nearly every word of an English body is plain ASCII, so the scan
 * jumps from one non-ASCII character to the next instead of visiting every
 * word (visiting every word cost 0.7 ms of each article page).
 */
export function* wordsOutsideAscii(text: string): Generator<string> {
  const found = new RegExp(NON_ASCII_UNIT);
  for (let hit = found.exec(text); hit !== null; hit = found.exec(text)) {
    WORD_HERE.lastIndex = hit.index;
    if (!WORD_HERE.test(text)) continue; // punctuation such as ’ or —, not a word
    // Back to the start of the word: code points before the hit that are word characters.
    let start = hit.index;
    for (;;) {
      const before = start >= 2 && isLowSurrogate(text.charCodeAt(start - 1)) ? start - 2 : start - 1;
      if (before < 0 || !WORD_CHAR.test(text.slice(before, start))) break;
      start = before;
    }
    WORD_HERE.lastIndex = start;
    const word = WORD_HERE.exec(text)?.[0] ?? '';
    found.lastIndex = start + word.length;
    yield word;
  }
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

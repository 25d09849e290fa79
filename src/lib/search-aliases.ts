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
const WORD = /[\p{L}\p{M}\p{N}]+/gu;
const ASCII_WORD = /^[A-Za-z0-9]+$/;
/** A character outside ASCII: a word without one needs no alias, and most words of an English archive have none. */
const NON_ASCII = /[^\t\n\r\x20-\x7E]/;

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
  for (const [word] of text.matchAll(WORD)) {
    // Normalising every word of a long body was the costliest part of an article page.
    if (!NON_ASCII.test(word)) continue;
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

/**
 * Header lines of received articles carry names, often wrapped in links that
 * went nowhere once the page was copied (`By [Zero Hedge](#)`). These helpers
 * reduce such lines to the names they list.
 */

const INLINE_LINK = /!?\[([^\]]*)\]\(([^)]*)\)/g;

export interface LinkedText {
  text: string;
  target: string;
}

/** Every Markdown inline link of a line, in order. */
export function linksOf(line: string): LinkedText[] {
  return [...line.matchAll(INLINE_LINK)].map((m) => ({
    text: (m[1] ?? '').trim(),
    target: (m[2] ?? '').trim(),
  }));
}

/** A line with its Markdown links reduced to their text: `[Zero Hedge](#) 10 Nov` → `Zero Hedge 10 Nov`. */
export function stripLinks(line: string): string {
  return line.replace(INLINE_LINK, '$1').replace(/\s+/g, ' ').trim();
}

/**
 * The names a list line holds. When the line links every name (`[A](#), [B](#)`),
 * the links delimit the names, so an organisation called "Centre for Research
 * and Globalization" stays whole. Otherwise names are split on commas, and on
 * "and"/"&" when `splitOnAnd` is set (authors: `A, B and C`; taxonomy names such
 * as "Russia and FSU" contain "and", so they split on commas only).
 */
export function splitNames(line: string, options: { splitOnAnd: boolean }): string[] {
  const links = linksOf(line);
  const rest = line
    .replace(INLINE_LINK, '')
    .replace(/,|\band\b|&/g, '')
    .trim();
  if (links.length > 0 && rest === '') return dedupe(links.map((l) => l.text));
  const plain = stripLinks(line);
  const separator = options.splitOnAnd ? /\s*,\s*(?:and\s+|&\s+)?|\s+and\s+|\s+&\s+/ : /\s*[,;]\s*/;
  return dedupe(plain.split(separator));
}

function dedupe(names: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of names) {
    const name = raw.replace(/\s+/g, ' ').trim();
    if (name === '' || seen.has(name)) continue;
    seen.add(name);
    out.push(name);
  }
  return out;
}

/** Case- and diacritic-insensitive form of a name, for matching against a vocabulary. */
export function foldName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * Cheap text statistics computed once per article at load time, on the raw
 * Markdown, so listings never render a body to show a summary or a word count.
 */

/** Longest default summary, in characters, before it is cut at a word boundary. */
export const SUMMARY_MAX_LENGTH = 280;

/** Markdown syntax reduced to its visible text, good enough for summaries and counts. */
export function markdownToPlainText(markdown: string): string {
  return (
    markdown
      // Images vanish, links keep their text.
      .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/\[([^\]]*)\]\[[^\]]*\]/g, '$1')
      .replace(/<[^>]+>/g, '')
      .replace(/`+/g, '')
      .replace(/(\*\*|__|\*|_|~~)(?=\S)([^*_~]*?\S)\1/g, '$2')
      .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+[.)])\s+/gm, '')
      .replace(/\\([\\`*_{}[\]()#+\-.!>])/g, '$1')
      .replace(/&nbsp;/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

/** The start of the first paragraph of a Markdown body, cut at a word boundary. */
export function defaultSummary(body: string, max = SUMMARY_MAX_LENGTH): string {
  const blocks = body.split(/\n\s*\n/);
  for (const block of blocks) {
    const trimmed = block.trim();
    // Skip what is not prose: headings, rules, tables, code, lone images and HTML blocks.
    if (!trimmed || /^(#|---|\*\*\*|___|\||```|~~~|!\[|<)/.test(trimmed)) continue;
    const text = markdownToPlainText(trimmed);
    if (text.length < 2) continue;
    return truncateAtWord(text, max);
  }
  return '';
}

export function truncateAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.–—-]+$/, '')}…`;
}

export function countWords(body: string): number {
  const text = markdownToPlainText(body);
  return text === '' ? 0 : text.split(' ').length;
}

/** Whole minutes of reading, at least one. */
export function readingMinutes(wordCount: number, wordsPerMinute: number): number {
  return Math.max(1, Math.round(wordCount / wordsPerMinute));
}

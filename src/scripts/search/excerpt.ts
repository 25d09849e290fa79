/**
 * Pagefind's excerpts are HTML: the page text with `<` and `>` escaped
 * (`&lt;`, `&gt;`; Pagefind 1.6 leaves `&` as it is) and the matched words in
 * `<mark>` tags. We never hand that string to innerHTML: it is split here into
 * plain-text segments, and the page builds text nodes and <mark> elements.
 */
export interface ExcerptSegment {
  text: string;
  marked: boolean;
}

const MARK_TAG = /<mark>|<\/mark>/g;

function decode(text: string): string {
  return text.replaceAll('&lt;', '<').replaceAll('&gt;', '>');
}

export function excerptSegments(excerpt: string): ExcerptSegment[] {
  const segments: ExcerptSegment[] = [];
  let marked = false;
  let last = 0;
  const push = (raw: string) => {
    if (!raw) return;
    const text = decode(raw);
    const previous = segments.at(-1);
    if (previous && previous.marked === marked) previous.text += text;
    else segments.push({ text, marked });
  };
  for (const match of excerpt.matchAll(MARK_TAG)) {
    push(excerpt.slice(last, match.index));
    marked = match[0] === '<mark>';
    last = match.index + match[0].length;
  }
  push(excerpt.slice(last));
  return segments;
}

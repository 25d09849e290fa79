/**
 * Reads the text form of a received article: a copy of a published page, laid
 * out like the first article's seed (`shared/seeds/000_….txt`):
 *
 * ```
 * <title>
 * By <author>[, <author>…] [and <author>]
 * <Archive name>, <Month D, YYYY>           the archive line: `published`
 * <Source> <D Month YYYY>                   the original-source line (absent when first published by the archive)
 * Region: <name>, <name>                    optional
 * Theme: <name>, <name>                     optional
 * <body …>
 * *                                         the site's closing boilerplate starts here:
 * Note to readers: …                        dropped (the site renders its own)
 * Featured image: <caption>                 or `Image: <caption>`: image.caption
 * The original source of this article is …  dropped (rendered from `source`)
 * Copyright © <holder>, <year>              kept only when it differs from what the site derives
 * Articles by: …                            authors, when there is no By line
 * Disclaimer: … / fair use / media contact  dropped
 * ```
 *
 * Blank lines between header lines are optional. Header links such as
 * `[Zero Hedge](#)` are reduced to their text; links in the body are kept
 * exactly, placeholders included, so an editor can fill them in later.
 */
import type { IsoDate } from '../dates.ts';
import type { ImportDraft, InputProblem, ReadResult } from './draft.ts';
import { splitTrailingDate } from './human-dates.ts';
import { linksOf, splitNames, stripLinks } from './names.ts';

/** Lines that open the site's closing boilerplate: the body ends at the first of them. */
const CLOSING_LINE = [
  /^\*$/,
  /^note to readers\b/i,
  /^the original source of this article is\b/i,
  /^copyright\s*(?:©|\(c\)|&copy;)/i,
  /^articles by\s*:/i,
  /^disclaimer\s*:/i,
];
/** Caption lines: part of the closing boilerplate when they sit right before it or inside it. */
const CAPTION_LINE = /^(?:featured image|image)\s*:\s*(.*)$/i;

/** Header lines are short; a long "By …" line is the body's first sentence, not a byline. */
const MAX_HEADER_LINE = 300;
/** Longest publication name accepted on a date line; longer text ending in a date is prose. */
const MAX_PUBLICATION_NAME = 120;

interface DatedLine {
  line: number;
  name: string;
  date: IsoDate;
  url?: string | undefined;
  /** `<Name>, <Date>`, the archive line's form; the original-source line has no comma. */
  commaForm: boolean;
}

export interface TextFormOptions {
  /** The archive date to use when the input has no archive line. */
  published?: IsoDate;
}

export function readTextForm(text: string, options: TextFormOptions = {}): ReadResult {
  const lines = text.split('\n');
  const problems: InputProblem[] = [];
  const at = (index: number): string => (lines[index] ?? '').trim();

  let index = 0;
  while (index < lines.length && at(index) === '') index++;
  if (index === lines.length) {
    return { problems: [{ field: 'file', line: 1, message: 'holds no text' }] };
  }
  const titleLine = index + 1;
  const title = stripLinks(at(index).replace(/^#{1,6}\s+/, ''));
  index++;

  const draft: ImportDraft = {
    title,
    authors: [],
    regionNames: [],
    themeNames: [],
    body: '',
    lines: { title: titleLine },
    bodyStartLine: titleLine + 1,
  };
  const dated: DatedLine[] = [];

  // Header: every line up to the first one that is none of the header forms.
  for (; index < lines.length; index++) {
    const line = at(index);
    if (line === '') continue;
    if (line.length > MAX_HEADER_LINE) break;
    const lineNo = index + 1;
    const by = /^by\s+(.+)$/i.exec(line);
    if (by && draft.lines.authors === undefined) {
      draft.authors = splitNames(by[1] ?? '', { splitOnAnd: true });
      draft.lines.authors = lineNo;
      continue;
    }
    const terms = /^(regions?|themes?)\s*:\s*(.*)$/i.exec(line);
    if (terms) {
      const names = splitNames(terms[2] ?? '', { splitOnAnd: false });
      if (terms[1]?.toLowerCase().startsWith('region')) {
        draft.regionNames = names;
        draft.lines.regions = lineNo;
      } else {
        draft.themeNames = names;
        draft.lines.themes = lineNo;
      }
      continue;
    }
    // Date lines come before the Region and Theme lines, and name a publication, not a sentence.
    const inDateLines =
      dated.length < 2 && draft.lines.regions === undefined && draft.lines.themes === undefined;
    const split = inDateLines ? splitTrailingDate(line) : undefined;
    if (split && split.rest !== '' && stripLinks(split.rest).length <= MAX_PUBLICATION_NAME) {
      const url = linksOf(split.rest).find((l) => /^https?:\/\//i.test(l.target))?.target;
      dated.push({
        line: lineNo,
        name: stripLinks(split.rest),
        date: split.date,
        url,
        commaForm: split.separator.includes(','),
      });
      continue;
    }
    break;
  }

  const { archive, original } = classifyDatedLines(dated);
  if (archive) {
    draft.published = archive.date;
    draft.lines.published = archive.line;
  } else if (options.published !== undefined) {
    draft.published = options.published;
  }
  if (original) {
    draft.source = { name: original.name, published: original.date };
    if (original.url) draft.source.url = original.url;
    draft.lines.source = original.line;
  }

  // Body: up to the closing boilerplate; caption lines right before it belong to it.
  const bodyStart = index;
  let closing = lines.length;
  for (let k = bodyStart; k < lines.length; k++) {
    if (CLOSING_LINE.some((pattern) => pattern.test(at(k)))) {
      closing = k;
      break;
    }
  }
  let bodyEnd = closing;
  while (bodyEnd > bodyStart && (at(bodyEnd - 1) === '' || CAPTION_LINE.test(at(bodyEnd - 1)))) bodyEnd--;

  draft.body = lines.slice(bodyStart, bodyEnd).join('\n').trim();
  draft.bodyStartLine = bodyStart + 1;
  draft.lines.body = bodyStart + 1;
  if (draft.body === '') {
    problems.push({
      field: 'body',
      line: Math.min(bodyStart + 1, lines.length),
      message: 'no article text found after the header lines (title, By, dates, Region, Theme)',
    });
  }

  let articlesBy: { names: string[]; line: number } | undefined;
  for (let k = bodyEnd; k < lines.length; k++) {
    const line = at(k);
    const lineNo = k + 1;
    const caption = CAPTION_LINE.exec(line);
    if (caption) {
      const value = stripLinks(caption[1] ?? '');
      if (value !== '' && draft.image === undefined) {
        draft.image = { caption: value };
        draft.lines.image = lineNo;
      }
      continue;
    }
    const copyright = /^copyright\s*(?:©|\(c\)|&copy;)\s*(.*?),?\s*(\d{4})\.?$/i.exec(stripLinks(line));
    if (copyright && draft.copyright === undefined) {
      const holder = (copyright[1] ?? '').replace(/[\s,]+$/, '');
      if (holder !== '') {
        draft.copyright = { holder, year: Number(copyright[2]) };
        draft.lines.copyright = lineNo;
      }
      continue;
    }
    const by = /^articles by\s*:\s*(.+)$/i.exec(line);
    if (by && articlesBy === undefined) {
      articlesBy = { names: splitNames(by[1] ?? '', { splitOnAnd: true }), line: lineNo };
    }
  }

  if (draft.authors.length === 0 && articlesBy && articlesBy.names.length > 0) {
    draft.authors = articlesBy.names;
    draft.lines.authors = articlesBy.line;
  }
  if (draft.title === '') {
    problems.push({ field: 'title', line: titleLine, message: 'the first line must be the title' });
  }
  if (draft.authors.length === 0) {
    problems.push({
      field: 'authors',
      line: titleLine,
      message: 'no author found: add a line "By <author>" (or "By A, B and C") after the title',
    });
  }
  if (draft.published === undefined) {
    const hint = original
      ? `; line ${original.line} ("${at(original.line - 1)}") reads as the original-source line`
      : '';
    problems.push({
      field: 'published',
      line: draft.lines.authors ?? titleLine,
      message: `no archive line "<Archive name>, <Month D, YYYY>" found after the byline${hint}`,
    });
  }

  return problems.length > 0 ? { problems } : { draft, problems };
}

/**
 * The archive line is `<Name>, <Date>` and comes first; the original-source
 * line is `<Source> <Date>`. Their form decides when only one is present.
 */
function classifyDatedLines(dated: readonly DatedLine[]): { archive?: DatedLine; original?: DatedLine } {
  const [first, second] = dated;
  if (!first) return {};
  if (!second) return first.commaForm ? { archive: first } : { original: first };
  if (!first.commaForm && second.commaForm) return { archive: second, original: first };
  return { archive: first, original: second };
}

/**
 * "Cite this article": APA and BibTeX citations of an archived article. Both
 * credit the original publication (author, date and title as first
 * published, the publication, its URL when known) and then the archive page
 * the reader is on, because a citation must let a reader find the text even
 * when the original has gone.
 */
import { authorKind } from './author-kind.ts';
import { formatLongDate, monthOf, yearOf, type IsoDate } from './dates.ts';
import type { ArticleFrontmatter } from './schema.ts';
import { toSlug } from './slug.ts';

export interface CitationInput {
  data: Pick<ArticleFrontmatter, 'title' | 'authors' | 'published' | 'source'>;
  /** Absolute URL of the article's page in the archive. */
  pageUrl: string;
  /** The archive's name (site configuration). */
  siteName: string;
  /** Names of known publications (sources.yaml), so they are cited as organisations. */
  knownPublications?: readonly string[];
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** APA's date form: `2019, November 10`. */
function apaDate(date: IsoDate): string {
  return `${yearOf(date)}, ${MONTHS[monthOf(date) - 1]} ${Number(date.slice(8, 10))}`;
}

function publicationsOf(input: CitationInput): string[] {
  return [...(input.knownPublications ?? []), ...(input.data.source ? [input.data.source.name] : [])];
}

/** `Durden, T.` for a person (surname last, initials of the rest); organisations as credited. */
export function apaAuthorName(name: string, knownPublications: readonly string[] = []): string {
  const trimmed = name.trim().replace(/\s+/g, ' ');
  if (authorKind(trimmed, knownPublications) === 'Organization') return trimmed;
  const parts = trimmed.split(' ');
  if (parts.length < 2) return trimmed;
  const surname = parts.at(-1) ?? '';
  const initials = parts
    .slice(0, -1)
    .map((given) =>
      given
        .split('-')
        .map((part) => `${[...part][0]?.toUpperCase() ?? ''}.`)
        .join('-'),
    )
    .join(' ');
  return `${surname}, ${initials}`;
}

/** APA 7 author list: `A`, `A, & B`, `A, B, & C`. */
function apaAuthors(authors: readonly string[], known: readonly string[]): string {
  const names = authors.map((a) => apaAuthorName(a, known));
  if (names.length === 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')}, & ${names.at(-1)}`;
}

/** Ends a citation element with a full stop unless it already ends a sentence. */
function sentence(text: string): string {
  return /[.?!]$/.test(text) ? text : `${text}.`;
}

/**
 * APA 7 reference of a republished news article:
 * `Author. (original date). Title. Publication. Original URL. Republished by <archive> (date). <page URL>`
 * The publication is left out when it is also the sole author, as APA asks.
 */
export function apaCitation(input: CitationInput): string {
  const { data, pageUrl, siteName } = input;
  const known = publicationsOf(input);
  const source = data.source;
  const parts = [sentence(apaAuthors(data.authors, known))];
  parts.push(`(${apaDate(source?.published ?? data.published)}).`);
  parts.push(sentence(data.title.trim()));
  if (source) {
    const soleAuthorIsSource = data.authors.length === 1 && data.authors[0]?.trim() === source.name.trim();
    if (!soleAuthorIsSource) parts.push(sentence(source.name));
    if (source.url) parts.push(source.url);
    parts.push(`Republished by ${siteName} (${apaDate(data.published)}).`);
  } else {
    parts.push(sentence(siteName));
  }
  parts.push(pageUrl);
  return parts.join(' ');
}

const BIBTEX_MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Escapes LaTeX's special characters in a braced BibTeX field. */
export function escapeBibtex(text: string): string {
  return text.replace(/[\\{}%&$#_^~]/g, (c) => {
    switch (c) {
      case '\\':
        return '\\textbackslash{}';
      case '^':
        return '\\^{}';
      case '~':
        return '\\~{}';
      default:
        return `\\${c}`;
    }
  });
}

/** URL fields are read verbatim; only unbalanced braces could break the entry. */
function bibtexUrl(url: string): string {
  return url.replace(/\{/g, '%7B').replace(/\}/g, '%7D');
}

function bibtexAuthor(name: string, known: readonly string[]): string {
  const trimmed = name.trim().replace(/\s+/g, ' ');
  // Braces keep an organisation's name whole instead of being split into first and last names.
  if (authorKind(trimmed, known) === 'Organization' || !trimmed.includes(' ')) {
    return `{${escapeBibtex(trimmed)}}`;
  }
  const parts = trimmed.split(' ');
  return `${escapeBibtex(parts.at(-1) ?? '')}, ${escapeBibtex(parts.slice(0, -1).join(' '))}`;
}

/** `zerohedge2019us`: first author's surname (or organisation), year, first word of the title. */
export function bibtexKey(input: CitationInput): string {
  const { data } = input;
  const known = publicationsOf(input);
  const first = data.authors[0]?.trim() ?? 'anonymous';
  const name = authorKind(first, known) === 'Organization' ? first : (first.split(/\s+/).at(-1) ?? first);
  const stop = new Set(['a', 'an', 'the', 'of', 'on', 'in', 'and']);
  const word = toSlug(data.title, '')
    .split('-')
    .find((w) => w && !stop.has(w));
  const year = yearOf(data.source?.published ?? data.published);
  return `${toSlug(name, 'anonymous').replaceAll('-', '')}${year}${word ?? ''}`;
}

/**
 * A BibTeX `@misc` entry (read by BibTeX and biblatex alike). The date is the
 * original publication's; `howpublished` names it; `url` is the archive page
 * and the note records the original URL and the republication.
 */
export function bibtexCitation(input: CitationInput): string {
  const { data, pageUrl, siteName } = input;
  const known = publicationsOf(input);
  const source = data.source;
  const date = source?.published ?? data.published;
  const notes: string[] = [];
  if (source) {
    notes.push(
      `Originally published by ${escapeBibtex(source.name)}` +
        (source.published ? ` on ${formatLongDate(source.published, 'en-US')}` : '') +
        (source.url ? `: ${escapeBibtex(source.url)}` : ''),
    );
    notes.push(`Republished by ${escapeBibtex(siteName)} on ${formatLongDate(data.published, 'en-US')}`);
  }
  const fields: [string, string][] = [
    ['author', `{${data.authors.map((a) => bibtexAuthor(a, known)).join(' and ')}}`],
    // Double braces keep the title's capitals (S-400, US) as written.
    ['title', `{{${escapeBibtex(data.title.trim())}}}`],
    ['howpublished', `{${escapeBibtex(source?.name ?? siteName)}}`],
    ['year', `{${yearOf(date)}}`],
    ['month', BIBTEX_MONTHS[monthOf(date) - 1] ?? ''],
    ['url', `{${bibtexUrl(pageUrl)}}`],
  ];
  if (notes.length > 0) fields.push(['note', `{${notes.join('. ')}}`]);
  return `@misc{${bibtexKey(input)},\n${fields.map(([k, v]) => `  ${k} = ${v},`).join('\n')}\n}`;
}

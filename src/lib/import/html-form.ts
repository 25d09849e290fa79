/**
 * Reads the HTML form of a received article: a saved page of a news article.
 *
 * Facts come from the page's own metadata, most precise first: JSON-LD
 * (`NewsArticle` and kin), then Open Graph and `article:` meta tags, then
 * other common meta tags, then what Mozilla's Readability infers. The body is
 * Readability's extraction of the main content (the algorithm of Firefox's
 * reader view), cleaned of share widgets and ads, with relative links made
 * absolute, and converted to Markdown with Turndown, keeping links, headings,
 * quotes, lists and emphasis.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import TurndownService from 'turndown';
import { unsafeScheme } from '../../markdown/link-targets.ts';
import type { IsoDate } from '../dates.ts';
import type { ImportDraft, InputProblem, ReadResult } from './draft.ts';
import { parseHumanDate } from './human-dates.ts';
import { splitNames } from './names.ts';

type Json = Record<string, unknown>;

const ARTICLE_TYPE = /(?:Article|BlogPosting|Report|LiveBlogPosting)$/;

/** Elements that are never article text. */
const NOISE_SELECTOR = [
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'object',
  'embed',
  'form',
  'button',
  'input',
  'select',
  'textarea',
  'nav',
  'aside',
  'footer',
  '[role="navigation"]',
  '[role="complementary"]',
  '[role="banner"]',
  '[aria-hidden="true"]',
  '[hidden]',
].join(',');

/** Class or id words of share widgets, ads and promotions (matched per hyphen/underscore-separated word). */
const NOISE_WORD =
  /(?:^|[-_])(?:share|sharing|sharebar|social|advert|advertisement|ads?|adslot|sponsor(?:ed)?|promo|newsletter|subscribe|subscription|related|outbrain|taboola|paywall|cookie|popup|modal)(?:[-_]|$)/i;

export interface HtmlFormOptions {
  /** The day the archive publishes the article; defaults to the original publication date. */
  published?: IsoDate;
}

export function readHtmlForm(html: string, options: HtmlFormOptions = {}): ReadResult {
  const problems: InputProblem[] = [];
  const { document } = parseHTML(html);
  const lines = new SourceLines(html);

  const ld = findJsonLdArticle(document);
  if (ld) ld.line = lines.find(/application\/ld\+json/i);
  const meta = (key: string): string | undefined => metaContent(document, key);

  const canonical = firstHttpUrl(
    document.querySelector('link[rel~="canonical"]')?.getAttribute('href'),
    meta('og:url'),
    ld ? stringOf(ld.article.url) : undefined,
    ld ? idOf(ld.article.mainEntityOfPage) : undefined,
  );

  const metaTitles = [
    ld ? stringOf(ld.article.headline) : undefined,
    ld ? stringOf(ld.article.name) : undefined,
    meta('og:title'),
    meta('twitter:title'),
    meta('citation_title'),
    stringOf(document.querySelector('title')?.textContent),
  ].filter((t): t is string => t !== undefined);

  // Readability changes the document it reads: give it its own copy.
  const extraction = extractBody(html, canonical, metaTitles);

  const siteName =
    (ld ? nameOf(resolveRef(ld.article.publisher, ld.graph)) : undefined) ??
    meta('og:site_name') ??
    meta('application-name') ??
    extraction?.siteName ??
    (canonical ? new URL(canonical).hostname.replace(/^www\./, '') : undefined);

  const rawTitle =
    (ld ? (stringOf(ld.article.headline) ?? stringOf(ld.article.name)) : undefined) ??
    meta('og:title') ??
    meta('twitter:title') ??
    meta('citation_title') ??
    document.querySelector('title')?.textContent ??
    extraction?.title ??
    '';
  const title = withoutSiteSuffix(clean(rawTitle), siteName);

  const authors = findAuthors(document, ld, extraction?.byline);

  const originalDate = firstDate(
    ld ? stringOf(ld.article.datePublished) : undefined,
    meta('article:published_time'),
    meta('citation_publication_date'),
    meta('citation_date'),
    meta('date'),
    meta('pubdate'),
    document.querySelector('time[datetime]')?.getAttribute('datetime'),
    extraction?.publishedTime,
  );
  const published = options.published ?? originalDate;

  const draft: ImportDraft = {
    title,
    authors,
    regionNames: [],
    themeNames: [],
    body: extraction?.markdown ?? '',
    lines: {
      title: ld?.line ?? lines.find(/property=["']?og:title|<title/i),
      authors: ld?.line ?? lines.find(/name=["']?author|property=["']?article:author/i),
      published: ld?.line ?? lines.find(/article:published_time|<time/i),
      source: lines.find(/rel=["']?canonical|property=["']?og:url|og:site_name/i) ?? ld?.line,
      body: lines.find(/<article\b|<main\b|<body\b/i),
    },
    bodyStartLine: lines.find(/<article\b|<main\b|<body\b/i) ?? 1,
  };
  if (published !== undefined) draft.published = published;
  if (siteName !== undefined) {
    draft.source = { name: siteName };
    if (canonical) draft.source.url = canonical;
    if (originalDate) draft.source.published = originalDate;
  }
  const image = findImage(document, ld);
  if (image) draft.image = image;

  const head = lines.find(/<head\b/i) ?? 1;
  if (title === '') problems.push({ field: 'title', line: head, message: 'the page names no title' });
  if (authors.length === 0) {
    problems.push({
      field: 'authors',
      line: head,
      message: 'the page names no author (JSON-LD author, meta author or a byline); add one to the page',
    });
  }
  if (published === undefined) {
    problems.push({
      field: 'published',
      line: head,
      message:
        'the page has no publication date (JSON-LD datePublished or article:published_time); pass --published YYYY-MM-DD',
    });
  }
  if (siteName === undefined) {
    problems.push({
      field: 'source',
      line: head,
      message: 'the page names no publication (JSON-LD publisher, og:site_name) and has no canonical URL',
    });
  }
  if (draft.body === '') {
    problems.push({ field: 'body', line: draft.bodyStartLine, message: 'no article text found in the page' });
  }
  return problems.length > 0 ? { problems } : { draft, problems };
}

/* ---------- metadata ---------- */

function metaContent(document: ParsedDocument, key: string): string | undefined {
  for (const attr of ['property', 'name', 'itemprop']) {
    for (const el of document.querySelectorAll(`meta[${attr}]`)) {
      if (el.getAttribute(attr)?.toLowerCase() !== key.toLowerCase()) continue;
      const value = clean(el.getAttribute('content') ?? '');
      if (value !== '') return value;
    }
  }
  return undefined;
}

interface JsonLdArticle {
  article: Json;
  graph: Json[];
  line?: number | undefined;
}

function findJsonLdArticle(document: ParsedDocument): JsonLdArticle | undefined {
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    let data: unknown;
    try {
      data = JSON.parse(script.textContent ?? '');
    } catch {
      continue; // A broken block is ignored: the meta tags still describe the page.
    }
    const graph = flattenGraph(data);
    const article = graph.find((node) => typesOf(node).some((t) => ARTICLE_TYPE.test(t)));
    if (article) return { article, graph, line: undefined };
  }
  return undefined;
}

function flattenGraph(data: unknown): Json[] {
  if (Array.isArray(data)) return data.flatMap(flattenGraph);
  if (!isObject(data)) return [];
  const graph = data['@graph'];
  return Array.isArray(graph) ? [data, ...graph.flatMap(flattenGraph)] : [data];
}

function typesOf(node: Json): string[] {
  const type = node['@type'];
  return (Array.isArray(type) ? type : [type]).filter((t): t is string => typeof t === 'string');
}

/** A `{ "@id": … }` reference to another node of the graph, resolved. */
function resolveRef(value: unknown, graph: readonly Json[]): unknown {
  if (isObject(value) && typeof value['@id'] === 'string' && Object.keys(value).length === 1) {
    return graph.find((node) => node['@id'] === value['@id'] && node !== value) ?? value;
  }
  return value;
}

function findAuthors(
  document: ParsedDocument,
  ld: JsonLdArticle | undefined,
  byline: string | undefined,
): string[] {
  if (ld) {
    const raw = ld.article.author ?? ld.article.creator;
    const names = (Array.isArray(raw) ? raw : [raw])
      .map((a) => (typeof a === 'string' ? a : nameOf(resolveRef(a, ld.graph))))
      .filter((n): n is string => n !== undefined)
      .flatMap((n) => splitNames(stripBy(n), { splitOnAnd: true }));
    if (names.length > 0) return unique(names);
  }
  const metaNames = [
    ...metaValues(document, 'author'),
    ...metaValues(document, 'article:author').filter((v) => !/^https?:/i.test(v)),
    ...metaValues(document, 'citation_author'),
  ].flatMap((n) => splitNames(stripBy(n), { splitOnAnd: true }));
  if (metaNames.length > 0) return unique(metaNames);
  return byline ? splitNames(stripBy(clean(byline)), { splitOnAnd: true }) : [];
}

function metaValues(document: ParsedDocument, key: string): string[] {
  return [...document.querySelectorAll('meta')]
    .filter((el) => (el.getAttribute('property') ?? el.getAttribute('name'))?.toLowerCase() === key)
    .map((el) => clean(el.getAttribute('content') ?? ''))
    .filter((v) => v !== '');
}

function findImage(document: ParsedDocument, ld: JsonLdArticle | undefined): ImportDraft['image'] {
  const ldImage = ld
    ? resolveRef(Array.isArray(ld.article.image) ? ld.article.image[0] : ld.article.image, ld.graph)
    : undefined;
  const src = firstHttpUrl(
    typeof ldImage === 'string' ? ldImage : isObject(ldImage) ? stringOf(ldImage.url) : undefined,
    metaContent(document, 'og:image'),
  );
  const caption = isObject(ldImage) ? stringOf(ldImage.caption) : undefined;
  const alt = metaContent(document, 'og:image:alt') ?? metaContent(document, 'twitter:image:alt') ?? caption;
  // The contract needs alt text for an image; without it, the image is left for an editor to add.
  if (!src || !src.startsWith('https://') || !alt) return caption ? { caption } : undefined;
  return caption ? { src, alt, caption } : { src, alt };
}

/* ---------- body ---------- */

interface Extraction {
  markdown: string;
  title?: string;
  byline?: string;
  siteName?: string;
  publishedTime?: string;
}

function extractBody(
  html: string,
  baseUrl: string | undefined,
  titles: readonly string[],
): Extraction | undefined {
  const { document } = parseHTML(html);
  removeNoise(document);
  const result = new Readability(document as unknown as Document, { charThreshold: 100 }).parse();
  if (!result?.content) return undefined;

  const { document: content } = parseHTML(`<!doctype html><html><body>${result.content}</body></html>`);
  removeNoise(content);
  for (const link of content.querySelectorAll('a')) {
    const href = link.getAttribute('href');
    const absolute = href === null ? undefined : absoluteUrl(href, baseUrl);
    // Links that go nowhere safe, and in-page anchors of the original page, become text.
    if (absolute === undefined || absolute.startsWith('#')) link.replaceWith(...link.childNodes);
    else link.setAttribute('href', absolute);
  }
  for (const img of content.querySelectorAll('img')) {
    const src = img.getAttribute('src');
    const absolute = src === null ? undefined : absoluteUrl(src, baseUrl);
    if (absolute === undefined || !/^https?:/.test(absolute)) img.remove();
    else img.setAttribute('src', absolute);
  }
  const title = clean(result.title ?? '');
  // Readability keeps the page's own headline at the top of the text: the title field has it.
  const firstHeading = content.querySelector('h1, h2');
  const headline = clean(firstHeading?.textContent ?? '').toLowerCase();
  if (
    firstHeading &&
    headline !== '' &&
    [...titles, title].some((t) => t.toLowerCase().startsWith(headline))
  ) {
    firstHeading.remove();
  }

  const markdown = toMarkdown(content.body.innerHTML);
  const extraction: Extraction = { markdown };
  if (title) extraction.title = title;
  if (result.byline) extraction.byline = result.byline;
  if (result.siteName) extraction.siteName = clean(result.siteName);
  if (result.publishedTime) extraction.publishedTime = result.publishedTime;
  return extraction;
}

function removeNoise(document: ParsedDocument): void {
  for (const el of document.querySelectorAll(NOISE_SELECTOR)) el.remove();
  for (const el of document.querySelectorAll('[class], [id]')) {
    const words = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`.split(/\s+/);
    if (words.some((w) => NOISE_WORD.test(w)) && el.tagName !== 'BODY' && el.tagName !== 'HTML') el.remove();
  }
}

let turndown: TurndownService | undefined;

function toMarkdown(html: string): string {
  if (!turndown) {
    turndown = new TurndownService({
      headingStyle: 'atx',
      hr: '---',
      bulletListMarker: '-',
      codeBlockStyle: 'fenced',
      emDelimiter: '*',
      strongDelimiter: '**',
    });
    turndown.remove(['script', 'style', 'noscript', 'iframe', 'form', 'button']);
    // Turndown pads list markers to four columns; one space reads as written by hand.
    turndown.addRule('listItem', {
      filter: 'li',
      replacement(content, node) {
        const parent = node.parentNode as HTMLElement | null;
        let prefix = '- ';
        if (parent?.nodeName === 'OL') {
          const start = Number(parent.getAttribute('start') ?? '1');
          prefix = `${start + Array.prototype.indexOf.call(parent.children, node)}. `;
        }
        const text = content
          .replace(/^\n+/, '')
          .replace(/\n+$/, '\n')
          .replace(/\n(?!$)/g, `\n${' '.repeat(prefix.length)}`);
        return `${prefix}${text.replace(/\n$/, '')}${node.nextSibling ? '\n' : ''}`;
      },
    });
  }
  return turndown
    .turndown(html)
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/* ---------- small helpers ---------- */

type ParsedDocument = ReturnType<typeof parseHTML>['document'];

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringOf(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = clean(value);
  return text === '' ? undefined : text;
}

function nameOf(value: unknown): string | undefined {
  if (typeof value === 'string') return stringOf(value);
  return isObject(value) ? stringOf(value.name) : undefined;
}

function idOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  return isObject(value) ? (stringOf(value['@id']) ?? stringOf(value.url)) : undefined;
}

function clean(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function stripBy(name: string): string {
  return name.replace(/^by\s+/i, '').trim();
}

function unique(names: readonly string[]): string[] {
  return [...new Set(names)];
}

function firstHttpUrl(...candidates: (string | null | undefined)[]): string | undefined {
  for (const candidate of candidates) {
    if (!candidate) continue;
    try {
      const url = new URL(candidate.trim());
      if ((url.protocol === 'http:' || url.protocol === 'https:') && url.hostname) return url.href;
    } catch {
      // not a URL: try the next one
    }
  }
  return undefined;
}

function firstDate(...candidates: (string | null | undefined)[]): IsoDate | undefined {
  for (const candidate of candidates) {
    const date = candidate ? parseHumanDate(candidate) : undefined;
    if (date) return date;
  }
  return undefined;
}

/** A link target made absolute against the page's URL; `undefined` for unsafe or unusable targets. */
function absoluteUrl(target: string, base: string | undefined): string | undefined {
  const trimmed = target.trim();
  if (trimmed === '' || unsafeScheme(trimmed)) return undefined;
  if (trimmed.startsWith('#')) return trimmed;
  try {
    const url = base ? new URL(trimmed, base) : new URL(trimmed);
    return ['http:', 'https:', 'mailto:'].includes(url.protocol) ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** "Headline | Site" and "Headline - Site" lose the site's name. */
function withoutSiteSuffix(title: string, siteName: string | undefined): string {
  if (!siteName) return title;
  for (const separator of [' | ', ' - ', ' – ', ' — ', ' :: ']) {
    const suffix = `${separator}${siteName}`;
    if (title.toLowerCase().endsWith(suffix.toLowerCase())) return title.slice(0, -suffix.length).trim();
  }
  return title;
}

/** Finds the input line of the first match of a pattern, for messages. */
class SourceLines {
  private readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
  find(pattern: RegExp): number | undefined {
    const match = pattern.exec(this.text);
    if (!match) return undefined;
    let line = 1;
    for (let i = this.text.indexOf('\n'); i !== -1 && i < match.index; i = this.text.indexOf('\n', i + 1))
      line++;
    return line;
  }
}

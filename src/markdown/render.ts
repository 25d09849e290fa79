/**
 * Article bodies, Markdown to safe HTML, with what the page and the content
 * check need to know about their links.
 *
 *   remark-parse-satteri               CommonMark with GitHub extensions (native parser)
 *   remark-rehype (allowDangerousHtml) raw HTML kept for now…
 *   rehype-raw (only when needed)      …and parsed into elements
 *   rehype-inspect-html                unsafe schemes fail; removals and links recorded
 *   rehype-sanitize (sanitize-schema)  the documented safe subset, nothing else
 *   rehype-links                       placeholders, external links, citations
 *   rehype-stringify
 */
import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { newPipelineState, type ExternalLinkOccurrence, type LinkOccurrence } from './pipeline-state.ts';
import rehypeInspectHtml from './rehype-inspect-html.ts';
import rehypeLinks from './rehype-links.ts';
import rehypeRawIfPresent from './rehype-raw-if-present.ts';
import remarkParseSatteri from './remark-parse-satteri.ts';
import { sanitizeSchema } from './sanitize-schema.ts';

export { ArticleBodyError } from './pipeline-state.ts';

export interface Citation {
  text: string;
  url: string;
  domain: string;
  archivedUrl: string;
  line?: number;
}
export interface RemovedHtml {
  what: string;
  line?: number;
}
export interface PlaceholderLink {
  text: string;
  line?: number;
}
export interface RenderedArticle {
  html: string;
  citations: Citation[];
  placeholders: PlaceholderLink[];
  removed: RemovedHtml[];
}

/** What the content check and the sources report need beyond the page's own view. */
export interface AnalysedArticle extends RenderedArticle {
  /** Every link and image target as written, with its line. */
  links: LinkOccurrence[];
  /** Every appearance of an external link, duplicates included. */
  externalLinks: ExternalLinkOccurrence[];
}

export interface RenderOptions {
  /** The article file, named in errors. */
  file: string;
  /** Line of the file on which the body starts. */
  bodyStartLine: number;
  /** The article's `published` date (`YYYY-MM-DD`): the Wayback date of its citations. */
  published: string;
}

/**
 * Built once per process and reused for every article (a big build renders
 * 100,000 of them); per-article state travels in the vfile.
 */
const processor = unified()
  .use(remarkParseSatteri)
  // Footnote ids get their `user-content-` prefix from the sanitizer, once; their
  // label uses the site's own visually-hidden class.
  .use(remarkRehype, {
    allowDangerousHtml: true,
    clobberPrefix: '',
    footnoteLabelProperties: { className: ['visually-hidden'] },
  })
  .use(rehypeRawIfPresent)
  .use(rehypeInspectHtml, sanitizeSchema)
  .use(rehypeSanitize, sanitizeSchema)
  .use(rehypeLinks, { clobberPrefix: sanitizeSchema.clobberPrefix ?? '' })
  .use(rehypeStringify)
  .freeze();

/**
 * Renders an article body to safe HTML. Throws `<file>:<line>: …` when a link
 * uses a `javascript:`, `data:` or `vbscript:` target.
 */
export async function renderArticleMarkdown(body: string, options: RenderOptions): Promise<RenderedArticle> {
  const { html, citations, placeholders, removed } = await analyseArticleMarkdown(body, options);
  return { html, citations, placeholders, removed };
}

/** Renders and returns every link finding too: the content check's and sources report's view. */
export async function analyseArticleMarkdown(body: string, options: RenderOptions): Promise<AnalysedArticle> {
  const state = newPipelineState(options);
  const file = await processor.process({
    value: body,
    path: options.file,
    data: { archive: state },
  });
  return {
    html: String(file.value),
    citations: state.citations,
    placeholders: state.placeholders,
    removed: state.removed,
    links: state.links,
    externalLinks: state.externalLinks,
  };
}

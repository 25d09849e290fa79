/**
 * What the content check says about one article's links and HTML, from the
 * renderer's own findings (so the check and the build cannot disagree):
 * placeholders, malformed URLs, `http://` links, a source without its URL,
 * duplicate citations and raw HTML the sanitizer removed. Pure.
 */
import type { ContentProblem } from './content-errors.ts';
import type { ArticleFrontmatter } from './schema.ts';
import { normaliseUrl, urlShape } from './urls.ts';
import type { AnalysedArticle } from '../markdown/render.ts';

export interface LinkProblemInput {
  /** File as shown to the editor. */
  file: string;
  data: Pick<ArticleFrontmatter, 'source'>;
  analysed: Pick<AnalysedArticle, 'placeholders' | 'links' | 'externalLinks' | 'removed'>;
  /** Line of the `source` field, to place the missing-URL warning. */
  sourceLine?: number | undefined;
}

export function linkProblems(input: LinkProblemInput): ContentProblem[] {
  const { file, data, analysed } = input;
  const problems: ContentProblem[] = [];
  const add = (
    severity: ContentProblem['severity'],
    field: string,
    line: number | undefined,
    message: string,
  ): void => {
    problems.push({ file, field, severity, message, ...(line === undefined ? {} : { line }) });
  };

  for (const placeholder of analysed.placeholders) {
    add(
      'warning',
      'body',
      placeholder.line,
      `placeholder link "${placeholder.text}" (empty target or "#") is shown as plain text; add its URL or remove the link`,
    );
  }

  for (const link of analysed.links) {
    const shape = urlShape(link.target);
    const what = link.tag === 'img' ? 'image source' : 'link';
    if (shape === 'malformed') {
      add('error', 'body', link.line, `malformed URL in ${what}: "${truncate(link.target)}"`);
    } else if (shape === 'insecure') {
      add(
        'warning',
        'body',
        link.line,
        `${what} uses http:// where https:// is expected: ${truncate(link.target)}`,
      );
    }
  }

  if (data.source && !data.source.url) {
    add(
      'warning',
      'source.url',
      input.sourceLine,
      `source "${data.source.name}" has no url; add the original article's URL so readers can follow it`,
    );
  } else if (data.source?.url && urlShape(data.source.url) === 'insecure') {
    add(
      'warning',
      'source.url',
      input.sourceLine,
      `uses http:// where https:// is expected: ${data.source.url}`,
    );
  }

  const firstLineOf = new Map<string, number | undefined>();
  for (const link of analysed.externalLinks) {
    const key = normaliseUrl(link.url);
    if (!firstLineOf.has(key)) {
      firstLineOf.set(key, link.line);
      continue;
    }
    const first = firstLineOf.get(key);
    add(
      'warning',
      'body',
      link.line,
      `duplicate citation of ${truncate(link.url)}` +
        (first === undefined ? '' : ` (first cited on line ${first})`) +
        '; it is listed once in Sources',
    );
  }

  for (const removed of analysed.removed) {
    // A URL with an unsupported scheme may come from a Markdown link: not "raw HTML".
    const kind = removed.what.startsWith('URL ') ? 'link target' : 'raw HTML';
    add('warning', 'body', removed.line, `${kind} removed by the sanitizer: ${removed.what}`);
  }
  return problems;
}

function truncate(value: string, max = 80): string {
  return value.length > max ? `${value.slice(0, max)}…` : value;
}

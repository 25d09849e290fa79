/** Stub: replaced by the full pipeline (sanitizer, link plugins, citations). */
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';

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

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkRehype).use(rehypeStringify);

export async function renderArticleMarkdown(
  body: string,
  _options: { file: string; bodyStartLine: number; published: string },
): Promise<RenderedArticle> {
  const html = String(await processor.process(body));
  return { html, citations: [], placeholders: [], removed: [] };
}

/**
 * The Markdown parser of the pipeline: CommonMark with GitHub's extensions
 * (tables, strikethrough, task lists, footnotes, autolink literals), parsed by
 * Sätteri, the native parser Astro 7 itself renders Markdown with, into the
 * same mdast tree remark-parse + remark-gfm build.
 *
 * Why not remark-parse: micromark, its tokenizer, was most of the build's
 * Markdown cost (about 12 ms per article of the benchmark corpus, with GFM);
 * Sätteri builds the same tree in about 0.25 ms. The rest of the pipeline
 * (remark-rehype onwards) is unchanged, so the HTML is too: a test parses the
 * CommonMark specification's examples, GFM's extension examples, every
 * fixture article and the seed both ways and compares the trees, positions
 * included.
 */
import type { Root } from 'mdast';
import { markdownToMdast } from 'satteri';
import type { Plugin } from 'unified';

/**
 * Sätteri keeps U+0000 where CommonMark (and micromark) replace it with
 * U+FFFD; replacing it first keeps every offset, as both are one code unit.
 */
const NUL = /\0/g;

/** Parses a body to mdast: the tree remark-parse + remark-gfm would build. */
export function parseMarkdown(body: string): Root {
  const source = body.includes('\0') ? body.replace(NUL, '\uFFFD') : body;
  // Front matter is the article file's, split off before the body gets here:
  // a body that starts with `---` is a thematic break, as in remark.
  return markdownToMdast(source, { features: { gfm: true, frontmatter: false } }) as Root;
}

/** The unified plugin: sets `parseMarkdown` as the processor's parser. */
const remarkParseSatteri: Plugin<[], string, Root> = function () {
  this.parser = (document) => parseMarkdown(document);
};
export default remarkParseSatteri;

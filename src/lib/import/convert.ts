/**
 * Turns a draft read from an input into the content file the archive stores:
 * taxonomy names become ids, a slug is chosen, the file is written in the
 * house style (`serializeArticle`) and validated exactly as the build
 * validates it (`validateArticleFile`). Pure: the caller does the I/O.
 */
import { deriveCopyright } from '../attribution.ts';
import type { ContentProblem } from '../content-errors.ts';
import { monthKey, yearOf } from '../dates.ts';
import type { ArticleFrontmatterInput, TaxonomyTerm } from '../schema.ts';
import { serializeArticle } from '../serialize.ts';
import { validateArticleFile } from '../validate-article.ts';
import type { DraftField, ImportDraft, InputProblem } from './draft.ts';
import { allocateSlug, type ExistingArticle, type SlugAllocation } from './slug-allocation.ts';
import { mapTermNames, type TermKind } from './terms.ts';

export interface ConvertContext {
  regions: readonly TaxonomyTerm[];
  themes: readonly TaxonomyTerm[];
  /** Unknown names become new terms instead of errors. */
  addTerms: boolean;
  /** The archive's name: the copyright fallback for articles without a source. */
  siteName: string;
  /** The article already using a slug, if any. */
  lookup: (slug: string) => ExistingArticle | undefined;
  /** Whether body lines of the output map one to one onto input lines (text form) or not (HTML). */
  bodyLinesMatchInput: boolean;
}

export interface Converted {
  problems: InputProblem[];
  article?: {
    allocation: SlugAllocation;
    /** `articles/<YYYY>/<MM>/<slug>.md`, relative to the content root. */
    contentPath: string;
    content: string;
    newTerms: Record<TermKind, TaxonomyTerm[]>;
  };
}

export function convertDraft(draft: ImportDraft, ctx: ConvertContext): Converted {
  const problems: InputProblem[] = [];
  const published = draft.published;
  if (published === undefined) {
    return { problems: [{ field: 'published', line: draft.lines.title, message: 'no archive date found' }] };
  }

  const newTerms: Record<TermKind, TaxonomyTerm[]> = { region: [], theme: [] };
  const mapTerms = (kind: TermKind, names: readonly string[], terms: readonly TaxonomyTerm[]): string[] => {
    const field = kind === 'region' ? 'regions' : 'themes';
    const mapping = mapTermNames(names, terms);
    for (const unknown of mapping.unknown) {
      if (ctx.addTerms) {
        newTerms[kind].push({ id: unknown.id, name: unknown.name });
        continue;
      }
      problems.push({
        field,
        line: draft.lines[field],
        message:
          `unknown ${kind} "${unknown.name}"` +
          (unknown.closest.length > 0
            ? `; closest ids: ${unknown.closest.join(', ')}`
            : `; ${field}.yaml lists no ${kind}s`) +
          ` (or pass --add-terms to add it to ${field}.yaml as "${unknown.id}")`,
      });
    }
    return [...mapping.ids, ...newTerms[kind].map((t) => t.id)];
  };
  const regions = mapTerms('region', draft.regionNames, ctx.regions);
  const themes = mapTerms('theme', draft.themeNames, ctx.themes);

  const frontmatter: ArticleFrontmatterInput = {
    title: draft.title,
    authors: draft.authors,
    published,
  };
  if (draft.source) {
    const { name, url, published: originalDate } = draft.source;
    frontmatter.source = { name };
    if (url !== undefined) frontmatter.source.url = url;
    if (originalDate !== undefined) frontmatter.source.published = originalDate;
  }
  if (regions.length > 0) frontmatter.regions = regions;
  if (themes.length > 0) frontmatter.themes = themes;
  if (draft.image) frontmatter.image = { ...draft.image };
  if (draft.copyright) {
    // The site derives the usual notice; only a different one needs storing.
    const derived = deriveCopyright(
      { authors: draft.authors, source: frontmatter.source, published, copyright: undefined },
      ctx.siteName,
    );
    if (derived.holder !== draft.copyright.holder || derived.year !== draft.copyright.year) {
      frontmatter.copyright = { ...draft.copyright };
    }
  }

  if (problems.length > 0) return { problems };

  const allocation = allocateSlug(draft.title, published, ctx.lookup);
  const contentPath = `articles/${yearOf(published)}/${monthKey(published)}/${allocation.slug}.md`;
  const content = serializeArticle(frontmatter, draft.body);

  const validation = validateArticleFile({
    displayPath: contentPath,
    contentPath,
    text: content,
    vocabulary: {
      regions: new Set([...ctx.regions, ...newTerms.region].map((t) => t.id)),
      themes: new Set([...ctx.themes, ...newTerms.theme].map((t) => t.id)),
    },
  });
  const outputBodyStart = content.split('\n').indexOf('---', 1) + 3;
  for (const problem of validation.problems)
    problems.push(toInputProblem(problem, draft, ctx, outputBodyStart));
  if (problems.length > 0) return { problems };

  return { problems, article: { allocation, contentPath, content, newTerms } };
}

/** A problem of the produced file, placed on the input line the offending fact came from. */
function toInputProblem(
  problem: ContentProblem,
  draft: ImportDraft,
  ctx: ConvertContext,
  outputBodyStart: number,
): InputProblem {
  const top = problem.field.replace(/[.[].*$/, '');
  let line: number | undefined;
  if (top === 'body') {
    line =
      ctx.bodyLinesMatchInput && problem.line !== undefined
        ? draft.bodyStartLine + (problem.line - outputBodyStart)
        : draft.bodyStartLine;
  } else {
    line = draft.lines[top as DraftField] ?? draft.lines.title;
  }
  return { field: problem.field, line, message: problem.message };
}

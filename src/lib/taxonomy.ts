/**
 * Reads the controlled vocabularies (`regions.yaml`, `themes.yaml`) and the
 * publication registry (`sources.yaml`), reporting every problem with its line.
 */
import { isSeq, LineCounter, parseDocument } from 'yaml';
import type { z } from 'astro/zod';
import type { ContentProblem } from './content-errors.ts';
import { normaliseText } from './frontmatter.ts';
import { publicationSchema, taxonomyTermSchema, type Publication, type TaxonomyTerm } from './schema.ts';

interface ListResult<T> {
  items: T[];
  problems: ContentProblem[];
}

function readYamlList<T>(
  text: string,
  file: string,
  schema: z.ZodType<T>,
  keyOf: (item: T) => string,
  keyName: string,
): ListResult<T> {
  const problems: ContentProblem[] = [];
  const lineCounter = new LineCounter();
  const doc = parseDocument(normaliseText(text), {
    schema: 'core',
    lineCounter,
    uniqueKeys: true,
    prettyErrors: true,
  });
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      problems.push({
        file,
        field: 'file',
        line: e.linePos?.[0]?.line,
        message: `invalid YAML: ${e.message.split('\n')[0]}`,
        severity: 'error',
      });
    }
    return { items: [], problems };
  }
  if (doc.contents === null) return { items: [], problems };
  if (!isSeq(doc.contents)) {
    problems.push({ file, field: 'file', line: 1, message: 'must be a list of entries', severity: 'error' });
    return { items: [], problems };
  }
  const data = doc.toJS({ maxAliasCount: 50 }) as unknown[];
  const items: T[] = [];
  const seen = new Map<string, number>();
  data.forEach((raw, index) => {
    const node = doc.contents && isSeq(doc.contents) ? doc.contents.items[index] : undefined;
    const range = (node as { range?: [number, number, number] } | undefined)?.range;
    const line = range ? lineCounter.linePos(range[0]).line : undefined;
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = [`[${index}]`, ...issue.path.map(String)].join('.');
        problems.push({ file, field, line, message: issue.message, severity: 'error' });
      }
      return;
    }
    const key = keyOf(parsed.data);
    const firstLine = seen.get(key);
    if (firstLine !== undefined) {
      problems.push({
        file,
        field: `[${index}].${keyName}`,
        line,
        message: `"${key}" is listed twice (first on line ${firstLine})`,
        severity: 'error',
      });
      return;
    }
    seen.set(key, line ?? 0);
    items.push(parsed.data);
  });
  return { items, problems };
}

export function parseTaxonomy(text: string, file: string): ListResult<TaxonomyTerm> {
  return readYamlList(text, file, taxonomyTermSchema, (t) => t.id, 'id');
}

export function parsePublications(text: string, file: string): ListResult<Publication> {
  return readYamlList(text, file, publicationSchema, (p) => p.name, 'name');
}

/** The vocabularies an article is checked against. */
export interface Vocabulary {
  regions: ReadonlySet<string>;
  themes: ReadonlySet<string>;
}

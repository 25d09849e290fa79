/**
 * Where the content lives and how its YAML registries are read. The whole
 * content root can be pointed elsewhere with `ARCHIVE_CONTENT_DIR`, so any
 * corpus builds without being copied into the repository.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { displayPath } from './paths.ts';
import type { ContentProblem } from './content-errors.ts';
import type { Publication, TaxonomyTerm } from './schema.ts';
import { parsePublications, parseTaxonomy, type Vocabulary } from './taxonomy.ts';

/** The content root: `ARCHIVE_CONTENT_DIR`, or `./content`. */
export function contentRoot(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.ARCHIVE_CONTENT_DIR || 'content');
}

async function readOptional(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

const display = displayPath;

export interface Registries {
  regions: TaxonomyTerm[];
  themes: TaxonomyTerm[];
  publications: Publication[];
  problems: ContentProblem[];
}

/** Reads regions.yaml, themes.yaml and sources.yaml (all optional files). */
export async function loadRegistries(root: string): Promise<Registries> {
  const problems: ContentProblem[] = [];
  const read = async <T>(
    name: string,
    parse: (text: string, file: string) => { items: T[]; problems: ContentProblem[] },
  ): Promise<T[]> => {
    const path = resolve(root, name);
    const text = await readOptional(path);
    if (text === undefined) return [];
    const result = parse(text, display(path));
    problems.push(...result.problems);
    return result.items;
  };
  const [regions, themes, publications] = await Promise.all([
    read('regions.yaml', parseTaxonomy),
    read('themes.yaml', parseTaxonomy),
    read('sources.yaml', parsePublications),
  ]);
  return { regions, themes, publications, problems };
}

export async function loadVocabulary(
  root: string,
): Promise<{ vocabulary: Vocabulary; problems: ContentProblem[] }> {
  const { regions, themes, problems } = await loadRegistries(root);
  return {
    vocabulary: { regions: new Set(regions.map((r) => r.id)), themes: new Set(themes.map((t) => t.id)) },
    problems,
  };
}

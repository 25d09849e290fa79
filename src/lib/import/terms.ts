/**
 * Region and theme names as received ("Russia and FSU") become taxonomy ids
 * (`russia-and-fsu`). Matching ignores case and diacritics, and also accepts a
 * name whose slug is an id ("Military & WMD" → `military-and-wmd`). With
 * `--add-terms`, unknown names become new terms appended to the YAML file,
 * leaving its existing text (comments, order, descriptions) untouched.
 */
import { stringify } from 'yaml';
import type { TaxonomyTerm } from '../schema.ts';
import { toSlug } from '../slug.ts';
import { closestMatches } from '../suggest.ts';
import { foldName } from './names.ts';

export type TermKind = 'region' | 'theme';

export interface TermMapping {
  ids: string[];
  /** Names that match no term, with the generated id they would get and the closest known ids. */
  unknown: { name: string; id: string; closest: string[] }[];
}

export function mapTermNames(names: readonly string[], terms: readonly TaxonomyTerm[]): TermMapping {
  const byName = new Map<string, string>();
  const ids = new Set<string>();
  for (const term of terms) {
    byName.set(foldName(term.name), term.id);
    ids.add(term.id);
  }
  const mapped: string[] = [];
  const unknown: TermMapping['unknown'] = [];
  for (const name of names) {
    const id = byName.get(foldName(name)) ?? (ids.has(toSlug(name)) ? toSlug(name) : undefined);
    if (id !== undefined) {
      if (!mapped.includes(id)) mapped.push(id);
      continue;
    }
    const generated = newTermId(name);
    const closest = closestMatches(generated, ids);
    // Names with the same id ("U.S.A." and "USA") are one new term.
    if (!unknown.some((u) => u.id === generated)) unknown.push({ name, id: generated, closest });
  }
  return { ids: mapped, unknown };
}

/** The id a new term gets: its name as a slug (`Đoković` → `dokovic`). */
export function newTermId(name: string): string {
  return toSlug(name, 'term');
}

/**
 * The YAML file's text with new terms appended as list entries, written like
 * the existing ones. The existing text is kept byte for byte.
 */
export function appendTerms(
  existingText: string | undefined,
  kind: TermKind,
  terms: readonly TaxonomyTerm[],
): string {
  const header =
    existingText === undefined || existingText.trim() === ''
      ? `# Controlled vocabulary of ${kind}s. Ids never change; names may be edited.\n`
      : existingText.endsWith('\n')
        ? existingText
        : `${existingText}\n`;
  const entries = terms.map((t) => `- id: ${t.id}\n  name: ${yamlScalar(t.name)}\n`).join('');
  return header + entries;
}

/** A YAML scalar for a name: plain when YAML reads it back as the same string, quoted otherwise. */
function yamlScalar(value: string): string {
  return stringify(value, { lineWidth: 0 }).trimEnd();
}

/**
 * Writes an article file in the house style of the content contract's example:
 * fields in the contract's order, strings double-quoted, dates bare, short id
 * lists in flow style. The importer writes with this, so imported files look
 * like hand-written ones and importing twice is byte-identical.
 */
import type { ArticleFrontmatterInput } from './schema.ts';

const FIELD_ORDER = [
  'title',
  'subtitle',
  'authors',
  'published',
  'updated',
  'source',
  'regions',
  'themes',
  'image',
  'copyright',
  'summary',
  'language',
  'draft',
] as const;

const SOURCE_ORDER = ['name', 'url', 'published', 'byline'] as const;
const IMAGE_ORDER = ['src', 'alt', 'caption', 'credit'] as const;
const COPYRIGHT_ORDER = ['holder', 'year'] as const;
const DATE_FIELDS = new Set(['published', 'updated']);
const ID_LIST_FIELDS = new Set(['regions', 'themes']);

/** A YAML double-quoted scalar: JSON string syntax is a subset of it. */
function quote(value: string): string {
  return JSON.stringify(value);
}

function scalar(key: string, value: unknown): string {
  if (typeof value === 'string') return DATE_FIELDS.has(key) ? value : quote(value);
  return String(value);
}

function nested(key: string, value: Record<string, unknown>, order: readonly string[]): string[] {
  const lines = [`${key}:`];
  for (const field of order) {
    const v = value[field];
    if (v !== undefined) lines.push(`  ${field}: ${scalar(field, v)}`);
  }
  return lines;
}

export function serializeFrontmatter(fm: ArticleFrontmatterInput): string {
  const lines: string[] = ['---'];
  const record = fm as Record<string, unknown>;
  for (const key of FIELD_ORDER) {
    const value = record[key];
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      if (value.length === 0 && ID_LIST_FIELDS.has(key)) continue;
      const items = value.map((v: string) => (ID_LIST_FIELDS.has(key) ? v : quote(v)));
      lines.push(`${key}: [${items.join(', ')}]`);
    } else if (key === 'source') {
      lines.push(...nested(key, value as Record<string, unknown>, SOURCE_ORDER));
    } else if (key === 'image') {
      lines.push(...nested(key, value as Record<string, unknown>, IMAGE_ORDER));
    } else if (key === 'copyright') {
      lines.push(...nested(key, value as Record<string, unknown>, COPYRIGHT_ORDER));
    } else if (key === 'draft') {
      if (value === true) lines.push('draft: true');
    } else {
      lines.push(`${key}: ${scalar(key, value)}`);
    }
  }
  lines.push('---');
  return lines.join('\n');
}

/** The whole file: frontmatter, a blank line, the body, one final newline. */
export function serializeArticle(fm: ArticleFrontmatterInput, body: string): string {
  return `${serializeFrontmatter(fm)}\n\n${body.trim()}\n`;
}

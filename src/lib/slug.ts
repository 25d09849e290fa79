import slugify from '@sindresorhus/slugify';

/** A slug: lowercase ASCII letters and digits in runs joined by single hyphens. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Longest slug the importer generates; longer titles are cut at a word boundary. */
export const MAX_SLUG_LENGTH = 80;

export function isValidSlug(value: string): boolean {
  return SLUG_PATTERN.test(value);
}

/**
 * Turns any name or title into a URL slug with ASCII transliteration
 * (`Vučić` → `vucic`, `Łódź` → `lodz`). `@sindresorhus/slugify` is used rather
 * than a hand-written table because it covers many scripts and is well kept.
 * Returns `fallback` when nothing sluggable is left (a title of only symbols).
 */
export function toSlug(text: string, fallback = 'untitled'): string {
  const slug = slugify(text, { decamelize: false, customReplacements: [['&', ' and ']] });
  return isValidSlug(slug) ? slug : fallback;
}

/** Cuts a slug to at most `max` characters without cutting a word. */
export function truncateSlug(slug: string, max = MAX_SLUG_LENGTH): string {
  if (slug.length <= max) return slug;
  const cut = slug.slice(0, max + 1);
  const lastHyphen = cut.lastIndexOf('-');
  // A single word longer than `max` has no boundary to cut at: cut it hard.
  const result = lastHyphen > 0 ? cut.slice(0, lastHyphen) : slug.slice(0, max);
  return result.replace(/-+$/, '');
}

/** The slug of an article title: transliterated, at most 80 characters, whole words. */
export function articleSlug(title: string): string {
  return truncateSlug(toSlug(title));
}

/**
 * Whether a credited name is a person or an organisation. Bylines such as
 * "Zero Hedge", "TASS" or "Reuters Staff" name organisations; citations and
 * structured data treat those differently from people (no surname to invert,
 * `Organization` rather than `Person`). A heuristic, so it is kept in one place.
 */

/** Words that, anywhere in a name, make it an organisation's ("Zero Hedge", "Global Research"). */
export const ORGANIZATION_WORDS: ReadonlySet<string> = new Set([
  'agency',
  'associated',
  'association',
  'bank',
  'board',
  'broadcasting',
  'bureau',
  'center',
  'centre',
  'channel',
  'chronicle',
  'committee',
  'company',
  'corporation',
  'council',
  'daily',
  'desk',
  'digital',
  'editorial',
  'editors',
  'forum',
  'foundation',
  'gazette',
  'global',
  'group',
  'guardian',
  'hedge',
  'herald',
  'inc',
  'insider',
  'institute',
  'international',
  'journal',
  'league',
  'llc',
  'ltd',
  'magazine',
  'media',
  'ministry',
  'monitor',
  'network',
  'news',
  'newsroom',
  'observer',
  'office',
  'online',
  'post',
  'press',
  'radio',
  'reporters',
  'research',
  'reuters',
  'review',
  'service',
  'society',
  'staff',
  'team',
  'telegraph',
  'television',
  'times',
  'today',
  'tribune',
  'tv',
  'university',
  'watch',
  'weekly',
  'wire',
  'world',
]);

export type AuthorKind = 'Person' | 'Organization';

/**
 * `Organization` when the name is a known publication, contains an
 * organisation word, is an acronym ("TASS", "BBC") or a domain
 * ("Antiwar.com"); otherwise `Person`.
 */
export function authorKind(name: string, knownPublications: Iterable<string> = []): AuthorKind {
  const trimmed = name.trim();
  const lower = trimmed.toLowerCase();
  for (const publication of knownPublications) {
    if (publication.trim().toLowerCase() === lower) return 'Organization';
  }
  if (/^[\p{Lu}\d&.-]{2,}$/u.test(trimmed.replace(/\s+/g, ''))) return 'Organization';
  if (/\.(?:com|org|net|info|news|co|io|ru|uk|de|fr)\b/i.test(trimmed)) return 'Organization';
  const words = lower.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  return words.some((word) => ORGANIZATION_WORDS.has(word)) ? 'Organization' : 'Person';
}

import { distance } from 'fastest-levenshtein';

/**
 * The valid values closest to a mistyped one, best first, for messages such as
 * `unknown region "eurpe"; closest: europe`. Ties are broken alphabetically so
 * messages are stable.
 */
export function closestMatches(value: string, candidates: Iterable<string>, max = 3): string[] {
  const needle = value.toLowerCase();
  return [...candidates]
    .map((candidate) => ({
      candidate,
      score:
        distance(needle, candidate.toLowerCase()) -
        // A candidate containing the value (or the reverse) is likely what was meant.
        (candidate.includes(needle) || needle.includes(candidate) ? 2 : 0),
    }))
    .sort((a, b) => a.score - b.score || a.candidate.localeCompare(b.candidate))
    .slice(0, max)
    .map((m) => m.candidate);
}

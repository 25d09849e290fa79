/**
 * Splits an Astro build's log into phases, from the time each line arrived.
 * Astro stamps its lines to the second only, so the benchmark stamps them
 * itself as they are read; the search integration reports its own duration in
 * a line `[search-index] indexed N pages in X ms`, which is taken as is.
 */

export interface TimedLine {
  /** Milliseconds since the build started. */
  at: number;
  text: string;
}

export interface PhaseWindow {
  name: string;
  from: number;
  to: number;
}

export interface BuildPhases {
  windows: PhaseWindow[];
  /** What the search integration said about itself, when it did. */
  searchIndex?: { pages: number; ms: number; line: string } | undefined;
  /** Pages Astro says it built (`[build] 1523 page(s) built in …`). */
  pagesBuilt?: number | undefined;
}

// eslint-disable-next-line no-control-regex -- removing terminal colour codes is the point
const ANSI = /\u001b\[[0-9;]*m/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

const SEARCH_DONE = /\[search-index\][^\n]*?indexed\s+([\d,]+)\s+pages?\b[^\n]*?\bin\s+([\d.,]+)\s*(ms|s)\b/i;
const SEARCH_ANY = /\[search-index\]|\bpagefind\b/i;

/** Phase windows of a build from its timed log lines and its total duration. */
export function buildPhases(lines: readonly TimedLine[], totalMs: number): BuildPhases {
  const find = (pattern: RegExp, after = 0): TimedLine | undefined =>
    lines.find((l) => l.at >= after && pattern.test(stripAnsi(l.text)));

  const synced = find(/\[content\] Synced content/);
  const routesStart = find(/generating static routes/);
  const routesDone = routesStart ? find(/✓ Completed in/, routesStart.at) : undefined;
  const searchLines = lines.filter((l) => SEARCH_ANY.test(stripAnsi(l.text)));
  const done = [...lines].reverse().find((l) => /\[build\] Complete!/.test(stripAnsi(l.text)));

  const windows: PhaseWindow[] = [];
  if (synced) windows.push({ name: 'content sync', from: 0, to: synced.at });
  if (synced && routesStart) windows.push({ name: 'bundling', from: synced.at, to: routesStart.at });
  if (routesStart && routesDone)
    windows.push({ name: 'page rendering', from: routesStart.at, to: routesDone.at });

  let searchIndex: BuildPhases['searchIndex'];
  for (const l of searchLines) {
    const m = SEARCH_DONE.exec(stripAnsi(l.text));
    if (m) {
      const value = Number((m[2] as string).replace(/,/g, ''));
      searchIndex = {
        pages: Number((m[1] as string).replace(/,/g, '')),
        ms: m[3]?.toLowerCase() === 's' ? value * 1000 : value,
        line: stripAnsi(l.text).trim(),
      };
    }
  }
  const firstSearch = searchLines[0];
  const lastSearch = searchLines[searchLines.length - 1];
  if (firstSearch && lastSearch) {
    // The integration's own figure is the most exact duration; the window it ends is what we saw.
    const from = searchIndex ? Math.max(0, lastSearch.at - searchIndex.ms) : firstSearch.at;
    windows.push({ name: 'search indexing', from: Math.min(from, firstSearch.at), to: lastSearch.at });
  }
  windows.push({ name: 'whole build', from: 0, to: done?.at ?? totalMs });

  const built = lines.map((l) => /(\d[\d,]*) page\(s\) built/.exec(stripAnsi(l.text))).find(Boolean);
  return {
    windows,
    searchIndex,
    pagesBuilt: built ? Number((built[1] as string).replace(/,/g, '')) : undefined,
  };
}

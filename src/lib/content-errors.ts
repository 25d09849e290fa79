/**
 * Content problems are collected, never thrown one by one, so an editor sees
 * every problem of every file in one run and fixes them in one pass.
 */
export interface ContentProblem {
  /** File path as the editor knows it (relative to the working directory when possible). */
  file: string;
  /** Frontmatter field (`source.url`, `authors[1]`) or `body`, `file`, `frontmatter`. */
  field: string;
  /** 1-based line in the file, when the problem can be placed on one. */
  line?: number;
  message: string;
  severity: 'error' | 'warning';
}

export function formatProblem(p: ContentProblem): string {
  const where = p.line ? `${p.file}:${p.line}` : p.file;
  return `${where}: ${p.severity} in ${p.field}: ${p.message}`;
}

/** Orders problems by file, line and field so reports are stable across runs. */
export function sortProblems(problems: readonly ContentProblem[]): ContentProblem[] {
  return [...problems].sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      a.field.localeCompare(b.field) ||
      a.message.localeCompare(b.message),
  );
}

/** One error carrying every problem found, thrown once at the end of loading. */
export class ContentValidationError extends Error {
  readonly problems: ContentProblem[];
  constructor(problems: readonly ContentProblem[]) {
    const sorted = sortProblems(problems);
    const files = new Set(sorted.map((p) => p.file)).size;
    super(
      `${sorted.length} content error(s) in ${files} file(s):\n` +
        sorted.map((p) => `  - ${formatProblem(p)}`).join('\n'),
    );
    this.name = 'ContentValidationError';
    this.problems = sorted;
  }
}

/**
 * npm run check:content — validates every article under ARCHIVE_CONTENT_DIR
 * (default ./content) as the build does, and reports per file and line:
 * placeholder links, unsafe schemes, malformed URLs, http:// links, sources
 * without a URL, duplicate citations and raw HTML the sanitizer removes.
 * Exits 1 only when there are errors; warnings are listed and counted.
 *
 * Usage: node scripts/check-content.ts [content-dir] [--quiet]
 *   --quiet  print errors and the summary only, not each warning
 */
import { stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { contentRoot } from '../src/lib/content-root.ts';
import { countProblems, scanContent, summaryLine } from '../src/lib/content-check.ts';
import { formatProblem, sortProblems } from '../src/lib/content-errors.ts';

const { values, positionals } = parseArgs({
  options: { quiet: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } },
  allowPositionals: true,
});
if (values.help) {
  console.log('Usage: npm run check:content -- [content-dir] [--quiet]');
  process.exit(0);
}

const root = positionals[0] ? resolve(positionals[0]) : contentRoot();
if (!(await stat(root).catch(() => undefined))?.isDirectory()) {
  console.error(`check:content: no content folder at ${root} (set ARCHIVE_CONTENT_DIR or pass a folder)`);
  process.exit(2);
}
const { files, problems } = await scanContent(root);
for (const problem of sortProblems(problems)) {
  if (values.quiet && problem.severity === 'warning') continue;
  (problem.severity === 'error' ? console.error : console.log)(formatProblem(problem));
}
const counts = countProblems(problems);
console.log(summaryLine(files, counts));
process.exitCode = counts.errors > 0 ? 1 : 0;

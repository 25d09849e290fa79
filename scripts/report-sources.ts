/**
 * npm run report:sources — every domain the archive cites, with its count of
 * articles and links, and the placeholder links and sources without a URL
 * still to fix. Prints a readable table by default.
 *
 * Usage: node scripts/report-sources.ts [content-dir] [--format table|json] [--json FILE]
 *   --format json  print the JSON report to standard output instead of the table
 *   --json FILE    also write the JSON report to FILE
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { contentRoot } from '../src/lib/content-root.ts';
import { countProblems, scanContent } from '../src/lib/content-check.ts';
import { formatSourcesReport, SourcesReportBuilder } from '../src/lib/sources-report.ts';

const { values, positionals } = parseArgs({
  options: {
    format: { type: 'string', default: 'table' },
    json: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
  allowPositionals: true,
});
if (values.help || (values.format !== 'table' && values.format !== 'json')) {
  console.log('Usage: npm run report:sources -- [content-dir] [--format table|json] [--json FILE]');
  process.exit(values.help ? 0 : 2);
}

const root = positionals[0] ? resolve(positionals[0]) : contentRoot();
const builder = new SourcesReportBuilder();
const { problems } = await scanContent(root, (article) => builder.add(article));
const report = builder.build();
const json = `${JSON.stringify(report, null, 2)}\n`;

if (values.json) await writeFile(values.json, json);
if (values.format === 'json') process.stdout.write(json);
else console.log(formatSourcesReport(report));

const { errors } = countProblems(problems);
if (errors > 0) {
  // Invalid articles are left out of the report: say so rather than under-count silently.
  console.error(
    `report:sources: ${errors} content error(s) left some articles out; run npm run check:content`,
  );
  process.exitCode = 1;
}

/**
 * `npm run import -- <file|folder|->… [options]`: turns received articles
 * (text copies of published pages, saved HTML pages) into validated content
 * files. A thin command line over `src/lib/import/`; see `--help`.
 */
import { buffer } from 'node:stream/consumers';
import { parseArgs } from 'node:util';
import { contentRoot } from '../src/lib/content-root.ts';
import { isRealIsoDate } from '../src/lib/dates.ts';
import { runImport, summaryLine } from '../src/lib/import/run-import.ts';
import { siteConfig } from '../src/site.config.ts';

const USAGE = `Usage: npm run import -- <file|folder|->... [options]

Reads each file, every file of each folder, or standard input (-), and writes
one content file per article to <content root>/articles/<YYYY>/<MM>/<slug>.md.

Options:
  --dry-run              print what would be written; write nothing
  --out DIR              content root to write into (default: $ARCHIVE_CONTENT_DIR or ./content)
  --force                overwrite an article that was imported before
  --add-terms            add unknown region and theme names to regions.yaml / themes.yaml
  --published YYYY-MM-DD archive date for inputs that carry none (saved HTML pages);
                         default: the original publication date
  -h, --help             show this help`;

function usageError(message: string): never {
  process.stderr.write(`import: ${message}\n\n${USAGE}\n`);
  process.exit(2);
}

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      'dry-run': { type: 'boolean', default: false },
      out: { type: 'string' },
      force: { type: 'boolean', default: false },
      'add-terms': { type: 'boolean', default: false },
      published: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
} catch (error) {
  usageError((error as Error).message);
}
const { values, positionals } = parsed;

if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
if (positionals.length === 0) usageError('name at least one file, folder, or - for standard input');
if (values.published !== undefined && !isRealIsoDate(values.published)) {
  usageError(`--published must be a date written YYYY-MM-DD, not "${values.published}"`);
}

const options = {
  inputs: positionals,
  root: values.out ?? contentRoot(),
  dryRun: values['dry-run'],
  force: values.force,
  addTerms: values['add-terms'],
  siteName: siteConfig.name,
  readStdin: async () => new Uint8Array(await buffer(process.stdin)),
  ...(values.published === undefined ? {} : { published: values.published }),
};

const summary = await runImport(options, {
  info: (line) => process.stdout.write(`${line}\n`),
  error: (line) => process.stderr.write(`${line}\n`),
});
process.stdout.write(`${summaryLine(summary, options.dryRun)}\n`);
process.exitCode = summary.failed > 0 ? 1 : 0;

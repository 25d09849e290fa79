/**
 * One import run: reads every input, converts it, and writes (or, in a dry
 * run, prints) the content files. Each input succeeds or fails on its own, so
 * one broken file in a folder does not stop the others; every problem is
 * reported against the input file and line it comes from.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { loadRegistries } from '../content-root.ts';
import { formatProblem, type ContentProblem } from '../content-errors.ts';
import type { IsoDate } from '../dates.ts';
import { displayPath } from '../paths.ts';
import { parseTaxonomy } from '../taxonomy.ts';
import type { TaxonomyTerm } from '../schema.ts';
import { convertDraft } from './convert.ts';
import { decodeInput } from './decode.ts';
import type { InputProblem, ReadResult } from './draft.ts';
import { isDirectory, listFiles, readOptionalText, SlugIndex, writeFileAtomic } from './files.ts';
import { candidateSlug } from './slug-allocation.ts';
import { appendTerms, type TermKind } from './terms.ts';
import { readTextForm } from './text-form.ts';

export interface ImportOptions {
  /** Files, folders, or `-` for standard input. */
  inputs: readonly string[];
  /** The content root written into (`--out`, else `ARCHIVE_CONTENT_DIR`, else `./content`). */
  root: string;
  dryRun: boolean;
  force: boolean;
  addTerms: boolean;
  /** Archive date for inputs that carry none (saved HTML pages). */
  published?: IsoDate;
  /** The archive's name, for the copyright fallback of articles without a source. */
  siteName: string;
  readStdin: () => Promise<Uint8Array>;
}

export interface ImportLog {
  info: (line: string) => void;
  error: (line: string) => void;
}

export interface ImportSummary {
  written: number;
  skipped: number;
  failed: number;
}

interface Input {
  display: string;
  read: () => Promise<Uint8Array>;
}

/** The HTML reader pulls in Readability, linkedom and Turndown: load them only when a page is imported. */
async function loadHtmlReader(): Promise<typeof import('./html-form.ts').readHtmlForm> {
  return (await import('./html-form.ts')).readHtmlForm;
}

export function summaryLine(summary: ImportSummary, dryRun: boolean): string {
  return (
    `import: ${summary.written} written, ${summary.skipped} skipped, ${summary.failed} failed` +
    (dryRun ? ' (dry run: nothing was written)' : '')
  );
}

export async function runImport(options: ImportOptions, log: ImportLog): Promise<ImportSummary> {
  const summary: ImportSummary = { written: 0, skipped: 0, failed: 0 };
  const root = resolve(options.root);
  const report = (input: string, problems: readonly InputProblem[]): void => {
    for (const p of problems) {
      const problem: ContentProblem = { file: input, field: p.field, message: p.message, severity: 'error' };
      if (p.line !== undefined) problem.line = p.line;
      log.error(formatProblem(problem));
    }
  };

  const registries = await loadRegistries(root);
  if (registries.problems.length > 0) {
    for (const problem of registries.problems) log.error(formatProblem(problem));
    log.error('import: the taxonomy files must be fixed before anything can be imported');
    summary.failed = options.inputs.length;
    return summary;
  }
  const vocabulary: Record<TermKind, TaxonomyTerm[]> = {
    region: registries.regions,
    theme: registries.themes,
  };
  const index = await SlugIndex.load(root);
  /** Slugs written in this run, by the input they came from: never overwritten, even with --force. */
  const writtenThisRun = new Map<string, string>();

  const inputs: Input[] = [];
  for (const arg of options.inputs) {
    if (arg === '-') {
      inputs.push({ display: '<stdin>', read: options.readStdin });
    } else if (await isDirectory(arg)) {
      for (const file of await listFiles(arg))
        inputs.push({ display: displayPath(resolve(file)), read: () => readFile(file) });
    } else {
      inputs.push({ display: displayPath(resolve(arg)), read: () => readFile(arg) });
    }
  }

  for (const input of inputs) {
    let bytes: Uint8Array;
    try {
      bytes = await input.read();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      report(input.display, [
        {
          field: 'file',
          message: code === 'ENOENT' ? 'no such file or folder' : `cannot be read (${code ?? String(error)})`,
        },
      ]);
      summary.failed++;
      continue;
    }

    const decoded = decodeInput(bytes, input.display);
    if ('problem' in decoded) {
      report(input.display, [decoded.problem]);
      summary.failed++;
      continue;
    }
    const publishedOption = options.published === undefined ? {} : { published: options.published };
    const read: ReadResult =
      decoded.form === 'html'
        ? (await loadHtmlReader())(decoded.text, publishedOption)
        : readTextForm(decoded.text, publishedOption);
    if (!read.draft) {
      report(input.display, read.problems);
      summary.failed++;
      continue;
    }
    const draft = read.draft;

    // Read the dates of the files whose slugs this title could take, so allocation can tell
    // "this article, imported before" from "another article with the same title".
    if (draft.published !== undefined) {
      for (let attempt = 0; ; attempt++) {
        const existing = await index.get(candidateSlug(draft.title, draft.published, attempt));
        if (existing === undefined || existing.published === draft.published) break;
      }
    }

    const converted = convertDraft(draft, {
      regions: vocabulary.region,
      themes: vocabulary.theme,
      addTerms: options.addTerms,
      siteName: options.siteName,
      lookup: (slug) => index.peek(slug),
      bodyLinesMatchInput: decoded.form === 'text',
    });
    if (!converted.article) {
      report(input.display, converted.problems);
      summary.failed++;
      continue;
    }
    const { allocation, contentPath, content, newTerms } = converted.article;
    const target = join(root, contentPath);
    const shownTarget = displayPath(target);

    if (allocation.kind === 'existing') {
      const earlierInput = writtenThisRun.get(allocation.slug);
      if (earlierInput !== undefined) {
        log.info(
          `skipped ${input.display}: same article as ${earlierInput}, imported above as ${shownTarget}`,
        );
        summary.skipped++;
        continue;
      }
      if (allocation.existing.path !== contentPath) {
        report(input.display, [
          {
            field: 'file',
            line: draft.lines.title,
            message: `slug "${allocation.slug}" is used by ${allocation.existing.path}, which is not where an article published ${draft.published ?? ''} belongs; move or remove that file first`,
          },
        ]);
        summary.failed++;
        continue;
      }
      if (!options.force) {
        log.info(`skipped ${input.display}: ${shownTarget} already exists; use --force to overwrite it`);
        summary.skipped++;
        continue;
      }
    }

    try {
      for (const kind of ['region', 'theme'] as const) {
        const added = newTerms[kind];
        if (added.length === 0) continue;
        const file = join(root, `${kind}s.yaml`);
        const text = appendTerms(await readOptionalText(file), kind, added);
        // The appended file must read back as a valid vocabulary before it replaces the old one.
        const check = parseTaxonomy(text, displayPath(file));
        if (check.problems.length > 0) throw new Error(check.problems.map(formatProblem).join('; '));
        for (const term of added) {
          log.info(
            `${options.dryRun ? 'would add' : 'added'} ${kind} "${term.name}" as "${term.id}" to ${displayPath(file)}`,
          );
        }
        if (!options.dryRun) await writeFileAtomic(file, text);
        vocabulary[kind] = check.items;
      }
      if (options.dryRun) {
        log.info(`would write ${shownTarget} (from ${input.display}):`);
        log.info(content.trimEnd());
      } else {
        await writeFileAtomic(target, content);
        log.info(`wrote ${shownTarget} (from ${input.display})`);
      }
    } catch (error) {
      report(input.display, [
        { field: 'file', message: `could not write ${shownTarget}: ${(error as Error).message}` },
      ]);
      summary.failed++;
      continue;
    }
    const published = draft.published;
    index.add(
      allocation.slug,
      published === undefined ? { path: contentPath } : { path: contentPath, published },
    );
    writtenThisRun.set(allocation.slug, input.display);
    summary.written++;
  }
  return summary;
}

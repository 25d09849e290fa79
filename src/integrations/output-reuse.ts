/**
 * Lets a rebuild keep the pages already in the output folder instead of
 * deleting and copying them back.
 *
 * With `experimental.incrementalBuild`, Astro skips a page whose cache key is
 * unchanged, but it first empties the output folder and then copies every
 * skipped page back from its cache: at 10,000 articles that is 25,000 files
 * deleted and 14,000 copied, about a third of a rebuild after one edit. A
 * page that is still in the output folder is skipped without a copy. So this
 * integration
 *
 *  - turns off the emptying of the output folder (`vite.build.emptyOutDir`);
 *  - unlinks a page's old file just before Astro renders it again, so the new
 *    page is a new file: the old one may be a hard link into the published
 *    site (scripts/build.ts seeds its staging folder so, see
 *    src/lib/atomic-dist.ts), which must never change under a reader;
 *  - after the pages are written, deletes every file in the output folder
 *    that this build did not produce (pages of deleted articles, assets of an
 *    older build), so the result is what a build into an empty folder gives.
 *    A file is this build's when it was written after the build started, is
 *    the output of one of its routes (kept or written), or comes from public/.
 *
 * The incremental build test compares a rebuild with a clean build byte for
 * byte, after an edit and after a deletion.
 */
import type { AstroIntegration, AstroPrerenderer } from 'astro';
import { lstatSync, readdirSync, rmdirSync, rmSync, statSync, unlinkSync, type Dirent } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Never deleted, as Astro's own emptying of the folder spares it. */
const KEEP_ALWAYS = new Set(['.git']);

/**
 * The files a route may have been written to: `/a/b/` → `a/b/index.html`,
 * `/404/` → `404.html`, `/rss.xml` → `rss.xml`.
 */
export function pageFileCandidates(pathname: string): string[] {
  const path = decodeURIComponent(pathname).replace(/^\/+/, '').replace(/\/+$/, '');
  if (path === '') return ['index.html'];
  const candidates = [`${path}/index.html`, `${path}.html`];
  if (/\.[^/]+$/.test(path)) candidates.push(path);
  return candidates;
}

/** Every file under `dir`, as paths relative to it with `/` separators. */
function listFiles(dir: string): string[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { recursive: true, withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((entry) => entry.isFile() || entry.isSymbolicLink())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'));
}

function publicFiles(publicDir: string): Set<string> {
  try {
    return new Set(
      (readdirSync(publicDir, { recursive: true, encoding: 'utf8' }) as string[])
        .filter((name) => statSync(join(publicDir, name)).isFile())
        .map((name) => name.split(sep).join('/')),
    );
  } catch {
    return new Set();
  }
}

/** Removes the empty folders under `dir` (deepest first), never `dir` itself. */
function removeEmptyFolders(dir: string): void {
  const folders = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort((a, b) => b.length - a.length);
  for (const folder of folders) {
    try {
      rmdirSync(folder);
    } catch {
      // Not empty: it holds files of this build.
    }
  }
}

export interface OutputReuse extends AstroIntegration {
  /** Wraps Astro's prerenderer so that a page's old file is unlinked before the page is rendered again. */
  wrapPrerenderer(inner: AstroPrerenderer): AstroPrerenderer;
}

export function outputReuse(): OutputReuse {
  let outDir = '';
  let publicDir = '';
  let started = 0;
  let leftovers = true;
  return {
    name: 'output-reuse',
    wrapPrerenderer(inner) {
      return {
        ...inner,
        name: `${inner.name}+output-reuse`,
        render: (request, options) => {
          // A build into an empty folder has nothing to unlink: two failing calls per
          // page cost 0.2 ms (30 s of a 100,000-article build).
          if (!leftovers) return inner.render(request, options);
          // Synchronous: for most pages there is nothing to unlink, and a failed
          // synchronous call costs microseconds where an awaited one costs far more.
          for (const file of pageFileCandidates(new URL(request.url).pathname)) {
            try {
              unlinkSync(join(outDir, file));
            } catch {
              // Not there: nothing to replace.
            }
          }
          return inner.render(request, options);
        },
      };
    },
    hooks: {
      'astro:config:setup': ({ updateConfig }) => {
        updateConfig({ vite: { build: { emptyOutDir: false } } });
      },
      'astro:config:done': ({ config }) => {
        outDir = fileURLToPath(config.outDir);
        publicDir = fileURLToPath(config.publicDir);
      },
      'astro:build:start': () => {
        // File times have a coarser clock than Date.now() on some systems: a second of slack.
        started = Date.now() - 1000;
        // A build into an empty folder leaves nothing stale: walking 250,000 files to
        // find that out took 12 s at 100,000 articles.
        try {
          leftovers = readdirSync(outDir).some((name) => !KEEP_ALWAYS.has(name));
        } catch {
          leftovers = false; // no folder yet
        }
      },
      'astro:build:done': ({ dir, assets, logger }) => {
        if (!leftovers) return;
        const root = fileURLToPath(dir);
        const produced = new Set<string>();
        for (const urls of assets.values()) {
          for (const url of urls) produced.add(relative(root, fileURLToPath(url)).split(sep).join('/'));
        }
        const fromPublic = publicFiles(publicDir);
        // Synchronous calls: tens of thousands of awaited stat and unlink calls took 13 s
        // at 10,000 articles, and nothing else of the build waits on this thread here.
        let removed = 0;
        for (const file of listFiles(root)) {
          if (KEEP_ALWAYS.has(file.split('/')[0] ?? '')) continue;
          if (produced.has(file) || fromPublic.has(file)) continue;
          const path = join(root, file);
          const info = lstatSync(path, { throwIfNoEntry: false });
          if (info && info.mtimeMs >= started) continue;
          rmSync(path, { force: true });
          removed++;
        }
        if (removed > 0) {
          removeEmptyFolders(root);
          logger.info(`removed ${removed} file(s) an earlier build left that this one did not produce`);
        }
      },
    },
  };
}

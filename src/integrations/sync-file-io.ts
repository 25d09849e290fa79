/**
 * Makes the file writes of Astro's page generation synchronous.
 *
 * For every page, Astro awaits `fs.promises.mkdir` and `fs.promises.writeFile`
 * for the output file, then again for its copy in the incremental build's
 * cache (`fs.promises.copyFile` when it restores one). Each asynchronous call
 * is a round trip to Node's thread pool, several for a write (open, write,
 * close), and the thread rendering pages waits for each: at 10,000 articles,
 * about 14,000 pages, that is hundreds of thousands of hand-offs between
 * threads, and the kernel time that goes with them. Done synchronously, on
 * the thread that waits for them anyway, the same writes cost less: the
 * benchmark's build of 10,000 articles used 21–58 s less CPU (BENCHMARKS.md).
 *
 * The functions of `fs.promises` are replaced, between the start of the build
 * and the end of page generation, by functions that write synchronously and
 * return a settled promise (an error rejects it, as before). Only this
 * thread's `fs` changes: worker threads have their own. A call the
 * synchronous functions cannot make the same way (a file handle, streamed
 * data, an abort signal) goes to the original function.
 */
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import type { AstroIntegration } from 'astro';

type FsPromises = typeof fs.promises;

/** A path the synchronous functions take: not a file handle. */
function isPath(value: unknown): value is fs.PathLike {
  return typeof value === 'string' || Buffer.isBuffer(value) || value instanceof URL;
}

/** Data written in one call: not a stream or an iterable. */
function isWholeData(value: unknown): value is string | NodeJS.ArrayBufferView {
  return typeof value === 'string' || ArrayBuffer.isView(value);
}

function hasSignal(options: unknown): boolean {
  return typeof options === 'object' && options !== null && 'signal' in options && options.signal != null;
}

/**
 * Replaces `writeFile`, `mkdir` and `copyFile` of `target` (this thread's
 * `fs.promises` by default) with synchronous versions, and the named exports
 * of `node:fs/promises` with them; returns the function that puts the
 * originals back (calling it again does nothing).
 */
export function synchronizeFileWrites(target: FsPromises = fs.promises): () => void {
  const original = { writeFile: target.writeFile, mkdir: target.mkdir, copyFile: target.copyFile };
  const writeFile = (async (file: unknown, data: unknown, options?: unknown) => {
    if (!isPath(file) || !isWholeData(data) || hasSignal(options)) {
      return original.writeFile(file as never, data as never, options as never);
    }
    fs.writeFileSync(file, data, options as fs.WriteFileOptions);
  }) as FsPromises['writeFile'];
  const mkdir = (async (path: fs.PathLike, options?: fs.MakeDirectoryOptions | fs.Mode | null) =>
    fs.mkdirSync(path, options)) as FsPromises['mkdir'];
  const copyFile = (async (source: fs.PathLike, destination: fs.PathLike, mode?: number) =>
    fs.copyFileSync(source, destination, mode)) as FsPromises['copyFile'];
  Object.assign(target, { writeFile, mkdir, copyFile });
  syncBuiltinESMExports();
  let restored = false;
  return () => {
    if (restored) return;
    restored = true;
    // Only what is still ours: something else may have replaced them since.
    if (target.writeFile === writeFile) target.writeFile = original.writeFile;
    if (target.mkdir === mkdir) target.mkdir = original.mkdir;
    if (target.copyFile === copyFile) target.copyFile = original.copyFile;
    syncBuiltinESMExports();
  };
}

/** The Astro integration: synchronous writes from the start of the build to the end of page generation. */
export function synchronousWrites(): AstroIntegration {
  let restore: (() => void) | undefined;
  const end = () => {
    restore?.();
    restore = undefined;
  };
  return {
    name: 'synchronous-writes',
    hooks: {
      'astro:build:start': () => {
        end();
        restore = synchronizeFileWrites();
      },
      'astro:build:generated': end,
      'astro:build:done': end,
    },
  };
}

/**
 * Makes this thread's file calls synchronous for the length of a build.
 *
 * For every page, Astro awaits `fs.promises.mkdir` and `fs.promises.writeFile`
 * for the output file, then again for its copy in the incremental build's
 * cache (`fs.promises.copyFile` when it restores one); before that, its
 * `glob()` loader awaits `fs.promises.readFile` for every content file. Each
 * asynchronous call is a round trip to Node's thread pool, several for a read
 * or a write (open, read or write, close), and the thread waits for each: at
 * 10,000 articles, hundreds of thousands of hand-offs between threads, and
 * the kernel time that goes with them. Done synchronously, on the thread that
 * waits for them anyway, the same calls cost less: the benchmark's build of
 * 10,000 articles used 21–58 s less CPU with synchronous writes, and the
 * content sync of a rebuild took 4 s instead of 6 s with synchronous reads
 * (BENCHMARKS.md).
 *
 * The functions of `fs.promises` are replaced, from the start of `astro build`
 * (its configuration, before content sync) to the end of page generation, by
 * functions that do the same synchronously and return a settled promise (an
 * error rejects it, as before). Only this thread's `fs` changes: worker
 * threads have their own. A call the synchronous functions cannot make the
 * same way (a file handle, streamed data, an abort signal) goes to the
 * original function. `astro dev` is left alone: a server must not block.
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
 * Replaces `readFile`, `writeFile`, `mkdir` and `copyFile` of `target` (this
 * thread's `fs.promises` by default) with synchronous versions, and the named
 * exports of `node:fs/promises` with them; returns the function that puts the
 * originals back (calling it again does nothing).
 */
export function synchronizeFileCalls(target: FsPromises = fs.promises): () => void {
  const original = {
    readFile: target.readFile,
    writeFile: target.writeFile,
    mkdir: target.mkdir,
    copyFile: target.copyFile,
  };
  const readFile = (async (file: unknown, options?: unknown) => {
    if (!isPath(file) || hasSignal(options)) return original.readFile(file as never, options as never);
    return fs.readFileSync(file, options as never);
  }) as FsPromises['readFile'];
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
  const replacements = { readFile, writeFile, mkdir, copyFile };
  Object.assign(target, replacements);
  syncBuiltinESMExports();
  let restored = false;
  return () => {
    if (restored) return;
    restored = true;
    // Only what is still ours: something else may have replaced them since.
    for (const name of Object.keys(replacements) as (keyof typeof replacements)[]) {
      if (target[name] === replacements[name]) Object.assign(target, { [name]: original[name] });
    }
    syncBuiltinESMExports();
  };
}

/** The Astro integration: synchronous file calls from the start of `astro build` to the end of page generation. */
export function synchronousFileIo(): AstroIntegration {
  let restore: (() => void) | undefined;
  const end = () => {
    restore?.();
    restore = undefined;
  };
  return {
    name: 'synchronous-file-io',
    hooks: {
      'astro:config:setup': ({ command }) => {
        end();
        if (command === 'build') restore = synchronizeFileCalls();
      },
      'astro:build:generated': end,
      'astro:build:done': end,
    },
  };
}

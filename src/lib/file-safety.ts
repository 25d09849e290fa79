/**
 * Checks on content files as bytes on disk, before their text is trusted:
 * where a path really leads, and whether the bytes are UTF-8.
 */
import { realpathSync } from 'node:fs';
import { isAbsolute, relative } from 'node:path';

/**
 * The real location of `path` when it resolves (through symbolic links, of
 * the file or of any folder above it) to somewhere outside `root`; undefined
 * when it stays inside. A link out of the content folder would publish
 * whatever it points at (another project's files, `/etc/passwd` as an image),
 * so callers refuse it and name both ends.
 */
export function resolvesOutside(path: string, root: string): string | undefined {
  let real: string;
  let realRoot: string;
  try {
    // The C library's realpath: half the time of Node's own, for every article of a build.
    realRoot = realpathSync.native(root);
    real = realpathSync.native(path);
  } catch {
    // A dangling link leads nowhere readable; the caller's read reports it.
    return undefined;
  }
  const rel = relative(realRoot, real);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel)) ? undefined : real;
}

/**
 * 1-based line of the first byte sequence that is not valid UTF-8, or
 * undefined when all of `bytes` is valid. Follows the Unicode definition of
 * well-formed UTF-8: no overlong forms, no surrogates, nothing above U+10FFFF.
 */
export function firstInvalidUtf8Line(bytes: Uint8Array): number | undefined {
  let line = 1;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    if (b === 0x0a) line++;
    if (b < 0x80) {
      i++;
      continue;
    }
    let length = 0;
    let min = 0;
    let max = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) length = 2;
    else if (b >= 0xe0 && b <= 0xef) {
      length = 3;
      if (b === 0xe0) min = 0xa0;
      if (b === 0xed) max = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      length = 4;
      if (b === 0xf0) min = 0x90;
      if (b === 0xf4) max = 0x8f;
    }
    if (length === 0 || i + length > bytes.length) return line;
    for (let k = 1; k < length; k++) {
      const c = bytes[i + k] ?? 0;
      const lo = k === 1 && min ? min : 0x80;
      const hi = k === 1 ? max : 0xbf;
      if (c < lo || c > hi) return line;
    }
    i += length;
  }
  return undefined;
}

import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { firstInvalidUtf8Line, resolvesOutside } from '../../src/lib/file-safety.ts';

const bytes = (...parts: (string | number[])[]): Uint8Array =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));

describe('firstInvalidUtf8Line', () => {
  it('accepts valid UTF-8, including four-byte characters', () => {
    expect(firstInvalidUtf8Line(bytes('Vučić, Łódź, Straße, 🗞️\n'))).toBeUndefined();
  });

  it.each([
    ['a Latin-1 byte', [0xe9]],
    ['a lone continuation byte', [0x80]],
    ['an overlong slash', [0xc0, 0xaf]],
    ['an overlong three-byte form', [0xe0, 0x80, 0xaf]],
    ['a UTF-16 surrogate', [0xed, 0xa0, 0x80]],
    ['a code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
    ['a truncated sequence at the end', [0xe2, 0x82]],
  ])('names the line of %s', (_name, bad) => {
    expect(firstInvalidUtf8Line(bytes('line one\nline two\ncaf', bad, '\nline four\n'))).toBe(3);
  });

  it('agrees with the platform decoder on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (input) => {
        let valid = true;
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(input);
        } catch {
          valid = false;
        }
        expect(firstInvalidUtf8Line(input) === undefined).toBe(valid);
      }),
    );
  });
});

describe('resolvesOutside', () => {
  const dir = mkdtempSync(join(tmpdir(), 'file-safety-'));
  const root = join(dir, 'content');
  mkdirSync(join(root, 'articles'), { recursive: true });
  writeFileSync(join(dir, 'outside.md'), 'x');
  writeFileSync(join(root, 'inside.md'), 'x');
  symlinkSync(join(dir, 'outside.md'), join(root, 'articles', 'out.md'));
  symlinkSync(join(root, 'inside.md'), join(root, 'articles', 'in.md'));
  symlinkSync(dir, join(root, 'articles', 'folder'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('returns the real target of a link leading out of the root', () => {
    expect(resolvesOutside(join(root, 'articles', 'out.md'), root)).toBe(join(dir, 'outside.md'));
  });

  it('follows links of folders too', () => {
    expect(resolvesOutside(join(root, 'articles', 'folder', 'outside.md'), root)).toBe(
      join(dir, 'outside.md'),
    );
  });

  it('accepts plain files and links that stay inside', () => {
    expect(resolvesOutside(join(root, 'inside.md'), root)).toBeUndefined();
    expect(resolvesOutside(join(root, 'articles', 'in.md'), root)).toBeUndefined();
  });
});

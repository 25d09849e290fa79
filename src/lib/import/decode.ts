/**
 * Turns the bytes of an input into text and tells its form. Editors' tools
 * produce byte-order marks and Windows line endings (accepted), and folders of
 * received files hold the odd image or archive (refused, with the line of the
 * first byte that is not text).
 */
import { normaliseText } from '../frontmatter.ts';
import type { InputProblem } from './draft.ts';

export type InputForm = 'text' | 'html';

export type DecodedInput = { text: string; form: InputForm } | { problem: InputProblem };

export function decodeInput(bytes: Uint8Array, name: string): DecodedInput {
  const nul = bytes.indexOf(0);
  if (nul !== -1) return { problem: notText(bytes, nul, 'contains NUL bytes') };
  let raw: string;
  try {
    raw = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { problem: notText(bytes, firstInvalidUtf8(bytes), 'is not valid UTF-8') };
  }
  const text = normaliseText(raw);
  if (text.trim() === '') {
    return { problem: { field: 'file', line: 1, message: 'is empty: there is no article to import' } };
  }
  return { text, form: looksLikeHtml(text, name) ? 'html' : 'text' };
}

/** A saved web page: by its extension, or by how it starts when read from standard input. */
export function looksLikeHtml(text: string, name: string): boolean {
  if (/\.x?html?$/i.test(name)) return true;
  return /^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*(?:<!doctype\s+html|<html[\s>]|<head[\s>])/i.test(
    text,
  );
}

function notText(bytes: Uint8Array, offset: number, why: string): InputProblem {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return {
    field: 'file',
    line,
    message: `${why} (byte ${offset + 1}): only text copies of articles (.txt, Markdown) and saved HTML pages can be imported`,
  };
}

/** Offset of the first byte that breaks UTF-8, for the message. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  // The longest prefix that decodes (a prefix may end inside a character: streaming allows that).
  let low = 0;
  let high = bytes.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
      low = mid;
    } catch {
      high = mid - 1;
    }
  }
  return Math.min(low, Math.max(0, bytes.length - 1));
}

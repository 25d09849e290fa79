/**
 * Splits an article file into YAML frontmatter and Markdown body, keeping
 * enough position information to name the line of every problem.
 *
 * YAML is parsed with the `yaml` package's `core` schema (YAML 1.2): dates stay
 * strings, so `2019-02-30` is reported instead of silently becoming 2 March,
 * and `no`/`yes` stay strings instead of turning into booleans. Alias
 * expansion is capped so an alias bomb is an error, not an out-of-memory crash.
 */
import { isMap, isSeq, LineCounter, parseDocument, type Document } from 'yaml';

export interface ParsedArticleFile {
  /** The frontmatter as plain data; `undefined` when it could not be parsed. */
  data: unknown;
  body: string;
  /** 1-based line of the body's first line in the file. */
  bodyStartLine: number;
  /** 1-based line of a frontmatter field path (`['source', 'url']`), when it is there. */
  lineOf: (path: readonly (string | number)[]) => number | undefined;
  /** Problems that prevent reading the file (each with its line when known). */
  errors: { line?: number; field: string; message: string }[];
}

/** Maximum alias expansions allowed in one frontmatter: far above honest use. */
const MAX_ALIAS_COUNT = 50;

/** Normalises what editors' tools produce: a byte-order mark and Windows line endings. */
export function normaliseText(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

export function parseArticleFile(rawText: string): ParsedArticleFile {
  const text = normaliseText(rawText);
  const errors: ParsedArticleFile['errors'] = [];
  const none: ParsedArticleFile = {
    data: undefined,
    body: '',
    bodyStartLine: 1,
    lineOf: () => undefined,
    errors,
  };

  const nul = text.indexOf('\0');
  if (nul !== -1) {
    errors.push({
      line: lineAt(text, nul),
      field: 'file',
      message: 'contains a NUL byte; article files must be UTF-8 text',
    });
    return none;
  }
  if (!text.startsWith('---\n')) {
    errors.push({
      line: 1,
      field: 'frontmatter',
      message: 'the file must start with a line "---" opening the YAML frontmatter',
    });
    return none;
  }
  const parts = splitFrontmatter(text);
  if (!parts) {
    errors.push({
      line: 1,
      field: 'frontmatter',
      message: 'the frontmatter opened on line 1 is never closed by a line "---"',
    });
    return none;
  }
  const { yamlText, body, bodyStartLine } = parts;
  const yamlFirstLine = 2;

  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, {
    schema: 'core',
    lineCounter,
    uniqueKeys: true,
    // Needed for `linePos`; only the first line of each message is kept.
    prettyErrors: true,
  });
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      const pos = e.linePos?.[0];
      errors.push({
        line: pos ? pos.line + yamlFirstLine - 1 : undefined,
        field: 'frontmatter',
        message: `invalid YAML: ${firstLine(e.message)}`,
      });
    }
    return { ...none, bodyStartLine };
  }
  if (doc.contents !== null && !isMap(doc.contents)) {
    errors.push({
      line: yamlFirstLine,
      field: 'frontmatter',
      message: `the frontmatter must be a mapping of fields, found ${isSeq(doc.contents) ? 'a list' : 'a single value'}`,
    });
    return { ...none, bodyStartLine };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) ?? {};
  } catch (error) {
    errors.push({
      line: yamlFirstLine,
      field: 'frontmatter',
      message: `YAML aliases expand too far (${(error as Error).message}); write the values out`,
    });
    return { ...none, bodyStartLine };
  }
  return {
    data,
    body,
    bodyStartLine,
    lineOf: (path) => nodeLine(doc, lineCounter, path, yamlFirstLine),
    errors,
  };
}

/** The frontmatter text and the body of a normalised file that opens with `---`; undefined when it is never closed. */
function splitFrontmatter(
  text: string,
): { yamlText: string; body: string; bodyStartLine: number } | undefined {
  const close = /^---[ \t]*$/m;
  const rest = text.slice(4);
  const match = close.exec(rest);
  if (!match) return undefined;
  const yamlText = rest.slice(0, match.index);
  let body = rest.slice(match.index + match[0].length);
  if (body.startsWith('\n')) body = body.slice(1);
  // Frontmatter content starts on line 2; the body after the closing fence.
  return { yamlText, body, bodyStartLine: 2 + countLines(yamlText) + 1 };
}

/**
 * The body of an article file that has already been validated, and its first
 * line, without parsing its YAML again: what the render workers need (parsing
 * the frontmatter was 7% of their time).
 */
export function articleBody(rawText: string): { body: string; bodyStartLine: number } {
  const text = normaliseText(rawText);
  const parts = text.startsWith('---\n') ? splitFrontmatter(text) : undefined;
  if (!parts) throw new Error('the file has no frontmatter: it changed after it was validated');
  return { body: parts.body, bodyStartLine: parts.bodyStartLine };
}

function nodeLine(
  doc: Document,
  lineCounter: LineCounter,
  path: readonly (string | number)[],
  firstLine: number,
): number | undefined {
  // Walk up the path until a node exists: a missing `source.url` points at `source`.
  for (let depth = path.length; depth > 0; depth--) {
    const node = doc.getIn(path.slice(0, depth), true) as { range?: [number, number, number] } | undefined;
    if (node?.range) return lineCounter.linePos(node.range[0]).line + firstLine - 1;
  }
  return undefined;
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** 1-based line of a character offset. */
export function lineAt(text: string, offset: number): number {
  return countLines(text.slice(0, offset)) + 1;
}

/**
 * The first line of a YAML error, without the parser's own "at line 1, column 26:"
 * suffix: that position counts from the start of the frontmatter, not of the file,
 * and the file's line is reported next to the message already.
 */
function firstLine(message: string): string {
  const first = message.split('\n')[0] ?? message;
  return first.replace(/ at line \d+, column \d+:?$/, '');
}

/**
 * Classifies link targets the way the content contract does. Shared by the
 * rendering plugins, the loader and the content check, so all three agree.
 */

/** Schemes that run code or smuggle documents: any link using one is an error. */
export const UNSAFE_SCHEMES = ['javascript', 'data', 'vbscript'] as const;

const ENTITY = /&#(x[0-9a-f]+|\d+);?/gi;

/** Browsers ignore whitespace, control characters and entities inside a scheme: so do we. */
function normaliseTarget(target: string): string {
  return (
    target
      .replace(ENTITY, (_, code: string) =>
        String.fromCodePoint(code[0]?.toLowerCase() === 'x' ? parseInt(code.slice(1), 16) : Number(code)),
      )
      .replace(/&colon;/gi, ':')
      .replace(/&tab;|&newline;/gi, '')
      // eslint-disable-next-line no-control-regex -- stripping control characters is the point
      .replace(/[\u0000-\u0020\u007f-\u009f]+/g, '')
      .toLowerCase()
  );
}

/** The unsafe scheme a target uses (`javascript`), or undefined. */
export function unsafeScheme(target: string): string | undefined {
  const normalised = normaliseTarget(target);
  return UNSAFE_SCHEMES.find((scheme) => normalised.startsWith(`${scheme}:`));
}

/** An empty target or a bare `#` stands for a link nobody filled in. */
export function isPlaceholderTarget(target: string | null | undefined): boolean {
  const trimmed = (target ?? '').trim();
  return trimmed === '' || trimmed === '#';
}

/** Absolute http(s) links leave the archive; everything else stays on it. */
export function isExternalUrl(target: string): boolean {
  return /^https?:\/\//i.test(target.trim());
}

export interface UnsafeLink {
  line: number;
  scheme: string;
  target: string;
}

// Markdown inline links and images, reference definitions, autolinks, HTML URL attributes.
const LINK_TARGET =
  /\]\(\s*<?([^)\s>]*)|^\s{0,3}\[[^\]]+\]:\s*<?(\S*?)>?(?:\s|$)|<([a-z][a-z0-9+.-]*:[^>\s]*)>|\b(?:href|src|action|formaction|poster|xlink:href|background|cite|data)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gim;

/**
 * Every link target with an unsafe scheme in a Markdown body, with its line
 * (counted from `firstLine`). A regular-expression scan rather than a parse:
 * it runs on every article at load time and must stay cheap; it errs towards
 * reporting, and the sanitizer removes anything it might miss at render time.
 */
export function findUnsafeLinks(body: string, firstLine = 1): UnsafeLink[] {
  if (!/(?:javascript|data|vbscript|&#|&colon;)/i.test(body)) return [];
  const found: UnsafeLink[] = [];
  for (const match of body.matchAll(LINK_TARGET)) {
    const target = match.slice(1).find((group) => group !== undefined) ?? '';
    const scheme = unsafeScheme(target);
    if (!scheme) continue;
    const line = firstLine + countNewlines(body, match.index + match[0].search(/\S/));
    found.push({ line, scheme, target });
  }
  return found;
}

function countNewlines(text: string, end: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

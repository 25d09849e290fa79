/**
 * Reads a `_headers` file, the convention of Netlify and Cloudflare Pages:
 * a URL pattern on its own line, then indented `Name: value` lines that apply
 * to it; `#` starts a comment. Used by the tests and by the local server of
 * the injection tests, so the file that ships is the file that is tested.
 */
export interface HeaderRule {
  /** `/*`, `/search/`, `/pagefind/*`: `*` matches any rest of the path. */
  pattern: string;
  headers: [name: string, value: string][];
}

export function parseHeadersFile(text: string): HeaderRule[] {
  const rules: HeaderRule[] = [];
  for (const raw of text.split(/\r?\n/)) {
    if (raw.trim() === '' || raw.trim().startsWith('#')) continue;
    if (!/^\s/.test(raw)) {
      rules.push({ pattern: raw.trim(), headers: [] });
      continue;
    }
    const rule = rules.at(-1);
    const colon = raw.indexOf(':');
    if (!rule || colon === -1) throw new Error(`_headers: "${raw.trim()}" is not "Name: value" under a path`);
    rule.headers.push([raw.slice(0, colon).trim(), raw.slice(colon + 1).trim()]);
  }
  return rules;
}

/** The headers for one URL path: every matching rule's, in file order. */
export function headersForPath(rules: readonly HeaderRule[], path: string): [string, string][] {
  return rules.filter((rule) => patternMatches(rule.pattern, path)).flatMap((rule) => rule.headers);
}

function patternMatches(pattern: string, path: string): boolean {
  const regex = new RegExp(`^${pattern.split('*').map(escapeRegExp).join('.*')}$`);
  return regex.test(path);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

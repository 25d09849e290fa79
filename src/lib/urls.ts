/**
 * Small, pure helpers about external URLs: the domain a reader sees, and the
 * normal form used to tell whether two links cite the same page.
 */
import { distance } from 'fastest-levenshtein';

/** The host a reader recognises: lower-case, without a leading `www.`; undefined when not a URL. */
export function domainOf(url: string): string | undefined {
  try {
    const host = new URL(url.trim()).hostname.toLowerCase();
    return host.replace(/^www\./, '') || undefined;
  } catch {
    return undefined;
  }
}

/**
 * The form under which links count as the same citation: scheme and host
 * lower-cased, `www.` and default ports dropped, the fragment dropped (a
 * different anchor on one page is the same source) and a trailing slash
 * ignored. `http` and `https` stay distinct only in the URL shown, not here.
 * Returns the trimmed input when it does not parse.
 */
export function normaliseUrl(url: string): string {
  try {
    const parsed = new URL(url.trim());
    const host = parsed.hostname.toLowerCase().replace(/^www\./, '');
    const port = parsed.port ? `:${parsed.port}` : '';
    const path = parsed.pathname.length > 1 ? parsed.pathname.replace(/\/+$/, '') : '';
    return `${host}${port}${path}${parsed.search}`;
  } catch {
    return url.trim();
  }
}

export type UrlShape = 'ok' | 'insecure' | 'malformed';

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

/**
 * How a link target fares: `malformed` when it cannot be the working web
 * address it tries to be (no host or a host without a dot, whitespace, a
 * single slash after the scheme, a typo of `http`/`https` such as `htps:`,
 * or `www.` without a scheme, which a browser resolves as a relative path),
 * `insecure` for `http://` where `https://` is expected. Relative targets
 * (`/articles/x/`, `#notes`) and other schemes (`mailto:`) are `ok`.
 */
export function urlShape(target: string): UrlShape {
  const value = target.trim();
  if (/^www\./i.test(value)) return 'malformed';
  const scheme = SCHEME.exec(value)?.[1]?.toLowerCase();
  if (scheme === undefined) return 'ok';
  if (scheme !== 'http' && scheme !== 'https') {
    const typo = ['http', 'https'].some((s) => distance(scheme, s) <= 2) && scheme.length >= 3;
    return typo && !KNOWN_SCHEMES.has(scheme) ? 'malformed' : 'ok';
  }
  if (!/^https?:\/\/[^/]/i.test(value) || /\s/.test(value)) return 'malformed';
  try {
    const host = new URL(value).hostname;
    if (!host.includes('.') && host !== 'localhost') return 'malformed';
  } catch {
    return 'malformed';
  }
  return scheme === 'http' ? 'insecure' : 'ok';
}

/** Real schemes that happen to look like `http` typos. */
const KNOWN_SCHEMES = new Set([
  'ftp',
  'ftps',
  'sftp',
  'tel',
  'sms',
  'ws',
  'wss',
  'irc',
  'ircs',
  'xmpp',
  'news',
  'nntp',
  'git',
  'ssh',
  'file',
]);

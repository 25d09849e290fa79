/**
 * The site's Content Security Policy, in one place.
 *
 * Two policies are delivered, and a browser enforces both (a resource must
 * pass each of them):
 *
 *  - a per-page `<meta http-equiv="content-security-policy">` written by
 *    Astro's `security.csp` (astro.config.mjs): `script-src` and `style-src`
 *    are `'self'` plus the hashes of whatever Astro put inline on that page,
 *    and the directives below. Only the search page adds what Pagefind needs
 *    (`'wasm-unsafe-eval'` and `worker-src 'self'`, see `allowPagefind`).
 *  - a site-wide header from `public/_headers` (`HEADER_POLICY`), for hosts
 *    that read that file (Netlify, Cloudflare Pages) or configured by hand
 *    (README, "Security headers"). A header cannot know each page's hashes,
 *    so the build emits no inline scripts or styles at all (every script and
 *    stylesheet is a file: astro.config.mjs sets `assetsInlineLimit: 0` and
 *    `inlineStylesheets: 'never'`), which lets the header say `script-src
 *    'self'` without `'unsafe-inline'`. It allows `'wasm-unsafe-eval'` on every
 *    path because the search page's workers (`/_astro/shard-worker-<hash>.js`,
 *    which compile Pagefind's WebAssembly) are governed by their own response's
 *    header, not by the search page's meta; on documents the meta policy still
 *    withholds it everywhere but /search/.
 *
 * Neither policy ever contains `'unsafe-inline'` or `'unsafe-eval'` for scripts.
 */
import type { AstroGlobal } from 'astro';

/** Directives every page's meta policy carries besides Astro's `script-src` and `style-src`. */
export const PAGE_DIRECTIVES = [
  "default-src 'self'",
  // Article images may be https URLs on other hosts (content contract: image.src).
  "img-src 'self' https:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
] as const;

/** Sources of `script-src` and `style-src` on every page; Astro appends the hashes it computes. */
export const SELF_ONLY = ["'self'"] as const;

/** What the search page adds so Pagefind can compile its WebAssembly and the page can start its workers. */
export const PAGEFIND_SCRIPT_SOURCE = "'wasm-unsafe-eval'";
export const PAGEFIND_WORKER_DIRECTIVE = "worker-src 'self'";

/**
 * Call from the search page's frontmatter: `allowPagefind(Astro.csp)`. `Astro.csp`
 * is undefined when CSP is off (as in `astro dev`), and then this does nothing.
 */
export function allowPagefind(csp: AstroGlobal['csp']): void {
  csp?.insertScriptResource(PAGEFIND_SCRIPT_SOURCE);
  csp?.insertDirective(PAGEFIND_WORKER_DIRECTIVE);
}

/**
 * The header policy of `public/_headers`: the page directives, scripts and
 * styles from files of this origin only, Pagefind's needs, and what a meta
 * policy cannot say (`frame-ancestors` is ignored in meta elements).
 */
export const HEADER_POLICY = [
  ...PAGE_DIRECTIVES,
  `script-src 'self' ${PAGEFIND_SCRIPT_SOURCE}`,
  "style-src 'self'",
  PAGEFIND_WORKER_DIRECTIVE,
  "frame-ancestors 'none'",
].join('; ');

/** The other headers of `public/_headers`, applied to every path. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': HEADER_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  // A news archive needs none of these powerful features; deny them to every frame.
  'Permissions-Policy':
    'accelerometer=(), autoplay=(), camera=(), display-capture=(), encrypted-media=(), fullscreen=(), geolocation=(), gyroscope=(), hid=(), magnetometer=(), microphone=(), midi=(), payment=(), picture-in-picture=(), publickey-credentials-get=(), screen-wake-lock=(), serial=(), sync-xhr=(), usb=(), xr-spatial-tracking=()',
};

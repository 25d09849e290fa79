/**
 * Injection attempts in every field and in the body (issue 8), opened in
 * Chromium: tests/fixtures/injection-corpus is built and served with its
 * `_headers` (scripts/serve-injection.ts, the `injection` Playwright project),
 * so pages run under the header CSP and their own meta CSP together.
 *
 * On every built page: no dialog opens, no CSP violation is reported, no
 * console error, no element carries an event handler, the only scripts are
 * the site's own; and the injected text is shown as text.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';

const DIST = join(import.meta.dirname, '../../.cache/injection-dist');
const ARTICLE = '/articles/script-in-every-field/';
const TITLE = `</script><script>alert('title')</script> "Quoted" & 'single' <b>bold</b>`;
/** A 1×1 transparent PNG, served for the corpus's image on another host (tests never use the network). */
const PIXEL = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

/** Every page of the built injection site, as URL paths. */
function builtPages(): string[] {
  return (readdirSync(DIST, { recursive: true }) as string[])
    .map((file) => file.split('\\').join('/'))
    .filter((file) => file.endsWith('.html') && !file.startsWith('pagefind/'))
    .map((file) => `/${file}`.replace(/index\.html$/, ''))
    .sort();
}

/** Listens for everything an injection could cause; returns the list it fills. */
async function watch(page: Page): Promise<string[]> {
  const problems: string[] = [];
  page.on('dialog', (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    // The 404 page is served with status 404, which Chromium logs for the document itself.
    if (/status of 404/.test(message.text()) && message.location().url.includes('/does-not-exist/')) return;
    problems.push(`console error on ${page.url()}: ${message.text()} (${message.location().url})`);
  });
  await page.exposeFunction('reportCspViolation', (text: string) => problems.push(`CSP violation: ${text}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { reportCspViolation: (text: string) => void }).reportCspViolation;
      report(`${event.violatedDirective} blocked ${event.blockedURI || 'inline'} (${event.sample})`);
    });
  });
  await page.route(
    (url) => url.hostname !== '127.0.0.1',
    (route) => route.fulfill({ status: 200, contentType: 'image/png', body: PIXEL }),
  );
  return problems;
}

/** Elements and attributes no page may contain, whatever its content. */
async function activeContent(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    for (const element of document.querySelectorAll('*')) {
      for (const attribute of element.getAttributeNames()) {
        if (attribute.startsWith('on')) found.push(`${element.localName}[${attribute}]`);
        if (attribute === 'style') found.push(`${element.localName}[style]`);
      }
      const href = element.getAttribute('href') ?? element.getAttribute('src') ?? '';
      if (/^\s*(javascript|data|vbscript):/i.test(href)) found.push(`${element.localName} → ${href}`);
    }
    for (const script of document.querySelectorAll('script')) {
      const own =
        script.type === 'application/ld+json' ||
        (script.type === 'module' && (script.getAttribute('src') ?? '').startsWith('/_astro/'));
      if (!own) found.push(`script ${script.outerHTML.slice(0, 80)}`);
    }
    for (const element of document.querySelectorAll(
      'iframe, object, embed, form:not([role="search"]), main svg',
    )) {
      found.push(element.localName);
    }
    return found;
  });
}

test('no page runs injected script, reports a CSP violation or logs an error', async ({ page }) => {
  test.setTimeout(180_000);
  const problems = await watch(page);
  const pages = [...builtPages().filter((p) => p !== '/404.html'), '/does-not-exist/'];
  // Every page type of the site: home, article, listings of each taxonomy, indexes, archive, search, 404.
  for (const type of [
    ARTICLE,
    '/regions/europe/',
    '/themes/military/',
    '/authors/',
    '/archive/',
    '/search/',
  ]) {
    expect(pages).toContain(type);
  }
  for (const path of pages) {
    await page.goto(path);
    await page.waitForLoadState('load');
    expect.soft(await activeContent(page), path).toEqual([]);
  }
  expect(problems).toEqual([]);
});

test('injected frontmatter is shown as text on the article page', async ({ page }) => {
  const problems = await watch(page);
  await page.goto(ARTICLE);
  await expect(page.locator('h1')).toHaveText(TITLE);
  expect(await page.title()).toContain(TITLE);
  const main = page.locator('main');
  for (const text of [
    `<img src=x onerror=alert('subtitle')>`,
    `<img src=x onerror=alert('author')>`,
    `Jane "JJ" O'Brien & Sons`,
    `<script>alert('byline')</script>`,
    `<script>alert('caption')</script>`,
    `</script><script>alert('copyright')</script>`,
    `Europe <script>alert('region')</script>`,
    `Military </title><script>alert('theme')</script>`,
  ]) {
    await expect(main, text).toContainText(text);
  }
  expect(problems).toEqual([]);
});

test('raw HTML in the body is reduced to text and safe elements', async ({ page }) => {
  const problems = await watch(page);
  await page.goto(ARTICLE);
  const body = page.locator('.article-body');
  await expect(body).toContainText('A paragraph with a style and an onclick.');
  await expect(body).toContainText(`<img src=x onerror=alert('code')>`);
  await expect(body).toContainText(`<script>alert('entity')</script>`);
  await expect(body.locator('a[href="https://example.org/"]')).toHaveText(/A link with an event handler/);
  await expect(body.locator('script, style, iframe, object, embed, form, svg')).toHaveCount(0);
  // The image stays (a safe element with an https source), without its handlers.
  await expect(body.locator('img[alt="pixel"]')).toHaveAttribute(
    'src',
    'https://images.example.org/pixel.png',
  );
  expect(
    await body.evaluate(
      (el) => el.querySelectorAll('[style], [onclick], [onmouseover], [onerror], [onload]').length,
    ),
  ).toBe(0);
  expect(problems).toEqual([]);
});

test('JSON-LD keeps a title containing </script> inside its element', async ({ page }) => {
  await page.goto(ARTICLE);
  const blocks = await page.locator('script[type="application/ld+json"]').allTextContents();
  expect(blocks.length).toBeGreaterThan(0);
  const data = blocks.map((text) => JSON.parse(text) as { headline?: string });
  expect(data.some((d) => d.headline === TITLE)).toBe(true);
});

test('the search page shows a hostile query from the URL as text and runs nothing', async ({ page }) => {
  const problems = await watch(page);
  const query = '<img src=x onerror=alert(1)>';
  await page.goto(`/search/?q=${encodeURIComponent(query)}`);
  await expect(page.locator('#search-query')).toHaveValue(query);
  await expect(page.locator('#search-status')).not.toBeEmpty();
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  expect(await activeContent(page)).toEqual([]);
  expect(problems).toEqual([]);
});

test('search results show injected titles and metadata as text', async ({ page }) => {
  const problems = await watch(page);
  await page.goto('/search/?q=paragraph');
  const results = page.locator('#search-results');
  await expect(results).toContainText(TITLE);
  await expect(results.locator('script, img[src="x"], [onerror]')).toHaveCount(0);
  expect(problems).toEqual([]);
});

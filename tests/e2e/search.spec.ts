/**
 * Full-text search in Chromium against the built fixture corpus: the search
 * page on Pagefind's JS API, its URL state, filters, sorts, browse mode and
 * accessibility, the header form without JavaScript, and highlighting on the
 * article page. The built browse pages serve as the truth to compare with.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';

const results = (page: Page): Locator => page.locator('#search-results > li');
const status = (page: Page): Locator => page.locator('#search-status');

/** Opens a search URL and waits until the page has answered it. */
async function openSearch(page: Page, query = ''): Promise<void> {
  await page.goto(`/search/${query}`);
  await expect(page.locator('[data-search-page][data-ready]')).toBeAttached();
  await expect(page.locator('#search-results')).not.toHaveAttribute('aria-busy', 'true');
  await expect(status(page)).not.toHaveText(/Loading search/);
}

/** Clicks "load more" until every result is listed. */
async function loadAll(page: Page): Promise<void> {
  const more = page.locator('#search-more');
  while (await more.isVisible()) {
    const before = await results(page).count();
    await more.click();
    await expect(results(page)).not.toHaveCount(before);
  }
}

async function resultTitles(page: Page): Promise<string[]> {
  return results(page).locator('.search-result-title').allTextContents();
}

async function resultDates(page: Page): Promise<string[]> {
  return results(page)
    .locator('time')
    .evaluateAll((times) => times.map((t) => t.getAttribute('datetime') ?? ''));
}

/** Titles listed on a built browse page (the listings of the foundation issue). */
async function listedTitles(page: Page, path: string): Promise<string[]> {
  const html = await (await page.request.get(path)).text();
  const doc = await page.evaluate((source) => {
    const parsed = new DOMParser().parseFromString(source, 'text/html');
    return [...parsed.querySelectorAll('main .article-list h2, main .article-list h3')].map((h) =>
      (h.textContent ?? '').trim(),
    );
  }, html);
  return doc;
}

const isSorted = (values: string[], direction: 'asc' | 'desc') =>
  values.every((v, i) => i === 0 || (direction === 'asc' ? values[i - 1]! <= v : values[i - 1]! >= v));

test.describe('search page', () => {
  test('a word found in only one article finds exactly that article', async ({ page }) => {
    await openSearch(page, '?q=census');
    await expect(results(page)).toHaveCount(1);
    await expect(results(page).first().locator('.search-result-title')).toHaveText(
      'Report on the Census Question, Part 13',
    );
    await expect(status(page)).toHaveText(/^1 article match “census”/);
    // The excerpt highlights the word with real <mark> elements.
    await expect(results(page).first().locator('.search-result-excerpt mark').first()).toHaveText(/census/i);
    // Date, source and authors are shown.
    const meta = results(page).first().locator('.search-result-meta');
    await expect(meta.locator('time')).toHaveAttribute('datetime', '2019-01-04');
    await expect(meta).toContainText('January 4, 2019');
    await expect(meta).toContainText('Zero Hedge');
    await expect(meta).toContainText('By Zero Hedge');
  });

  test('a word in one shard reads that shard alone, and shorter words of other shards do not match it', async ({
    page,
  }) => {
    // "andrzej" is in one article of the oldest shard; every other shard holds "and". Asked
    // on its own, a shard without "andrzej" answers with its pages holding "and" (Pagefind's
    // fallback to the longest indexed prefix of a term it lacks); one index of the archive
    // would not, because the archive holds "andrzej". The directory asks only that shard.
    const bundles = new Set<string>();
    page.on('request', (request) => {
      const bundle = /^\/pagefind\/(shard-\d+|directory)\//.exec(new URL(request.url()).pathname)?.[1];
      if (bundle) bundles.add(bundle);
    });
    await openSearch(page, '?q=andrzej');
    await expect(status(page)).toHaveText(/^1 article match “andrzej”/);
    await expect(resultTitles(page)).resolves.toEqual(['Łódź Film School Turns Seventy']);
    expect([...bundles].sort()).toEqual(['directory', 'shard-0']);

    // Two words, each in some shard: a page must hold both, as in one index; none does.
    await openSearch(page, '?q=census+andrzej');
    await expect(status(page)).toHaveText(/No articles match/);
    await expect(results(page)).toHaveCount(0);
  });

  test('names are found without their diacritics: vucic, djokovic, lodz', async ({ page }) => {
    await openSearch(page, '?q=vucic');
    await expect(results(page).locator('.search-result-title')).toContainText([
      'Vučić Meets EU Envoys in Belgrade',
    ]);

    await openSearch(page, '?q=djokovic');
    await expect(results(page).locator('.search-result-title')).toHaveText([
      'Đoković Wins in Melbourne Again',
    ]);

    await openSearch(page, '?q=lodz');
    await expect(results(page).locator('.search-result-title')).toHaveText([
      'Łódź Film School Turns Seventy',
    ]);
  });

  test('typing in the search box searches and puts the query in the URL', async ({ page }) => {
    await openSearch(page);
    await expect(status(page)).toHaveText(/Type words to search/);
    await page.getByLabel('Words to find').fill('melbourne');
    await expect(results(page)).toHaveCount(1);
    await expect(page).toHaveURL(/\/search\/\?q=melbourne$/);
  });

  test('a draft is never found', async ({ page }) => {
    await openSearch(page, '?q=zebracorn');
    await expect(results(page)).toHaveCount(0);
    await expect(status(page)).toHaveText(/^No articles match “zebracorn”/);
  });

  test('words of the notices around articles do not match every article', async ({ page }) => {
    await openSearch(page, '?q=copyrighted');
    await expect(results(page)).toHaveCount(0);
  });

  test('a region filter narrows the results to that region, with counts that follow the query', async ({
    page,
  }) => {
    await openSearch(page, '?q=fixture');
    const all = Number((await status(page).textContent())?.match(/^(\d+)/)?.[1]);
    expect(all).toBeGreaterThan(10);

    const europe = page.locator('[data-filter-group="region"] label', { hasText: 'Europe' });
    const count = Number((await europe.locator('.filter-count').textContent())?.replace(/\D/g, ''));
    expect(count).toBeGreaterThan(0);
    expect(count).toBeLessThan(all);
    await europe.getByRole('checkbox').check();
    await expect(page).toHaveURL(/[?&]region=europe(&|$)/);
    await expect(status(page)).toHaveText(new RegExp(`^${count} articles? match “fixture” in Europe`));
    await loadAll(page);
    await expect(results(page)).toHaveCount(count);

    const inEurope = await listedTitles(page, '/regions/europe/');
    for (const title of await resultTitles(page)) expect(inEurope).toContain(title);
  });

  test('a filter value without results is hidden, not removed: its row returns in place when it has results again', async ({
    page,
  }) => {
    const shownValues = (group: string) =>
      page.locator(`[data-filter-group="${group}"] li:not([hidden]) .filter-value`).allTextContents();
    await openSearch(page, '?q=fixture');
    const broad = await shownValues('theme');
    expect(broad.length).toBeGreaterThan(2);

    // Starting from a search with one result, so that most rows are made later, among others.
    await openSearch(page, '?q=census');
    const narrow = await shownValues('theme');
    expect(narrow.length).toBeLessThan(broad.length);
    await page.locator('[data-filter-group="theme"] li').evaluateAll((rows) => {
      for (const row of rows) row.setAttribute('data-made-before', '');
    });
    const search = async (query: string) => {
      await page.locator('#search-query').fill(query);
      await page.locator('#search-query').press('Enter');
      await expect(page).toHaveURL(new RegExp(`\\?q=${query}$`));
      await expect(page.locator('#search-results')).not.toHaveAttribute('aria-busy', 'true');
    };
    await search('fixture');
    // The same values in the same order as on a fresh page.
    expect(await shownValues('theme')).toEqual(broad);
    await search('census');
    expect(await shownValues('theme')).toEqual(narrow);
    // The rows of the narrow search are the ones it made first, kept through both searches.
    const rows = page.locator('[data-filter-group="theme"] li:not([hidden])');
    await expect(rows).toHaveCount(narrow.length);
    for (const row of await rows.all()) await expect(row).toHaveAttribute('data-made-before', '');
    // Values without results are in the page, hidden, so no one reads or tabs to them.
    await expect(page.locator('[data-filter-group="theme"] li[hidden]')).toHaveCount(
      broad.length - narrow.length,
    );
    await expect(page.locator('[data-filter-group="theme"]').getByRole('checkbox')).toHaveCount(
      narrow.length,
    );
  });

  test("filters are read from each shard's one filters file, never handed to Pagefind", async ({ page }) => {
    const fetched: string[] = [];
    page.on('request', (request) =>
      fetched.push(new URL(request.url()).pathname + new URL(request.url()).search),
    );
    const manifest = (await (await page.request.get('/pagefind/shards.json')).json()) as {
      shards: { bundle: string; filters: string }[];
    };
    await openSearch(page, '?q=fixture&region=europe');
    await expect(status(page)).toHaveText(/in Europe/);
    // One filters file per shard, named by the manifest; none of Pagefind's filter chunks, and
    // no second read of a bundle's entry (Pagefind's own carries a cache-busting query).
    expect(fetched.filter((path) => /\/filters\.[0-9a-f]+\.json$/.test(path)).sort()).toEqual(
      manifest.shards.map((shard) => `${shard.bundle}${shard.filters}`).sort(),
    );
    expect(fetched.filter((path) => path.includes('.pf_filter'))).toEqual([]);
    expect(fetched.filter((path) => path.endsWith('/pagefind-entry.json'))).toEqual([]);
  });

  test('newest and oldest order the results by date', async ({ page }) => {
    await openSearch(page, '?q=fixture&sort=newest');
    await loadAll(page);
    const newest = await resultDates(page);
    expect(newest.length).toBeGreaterThan(10);
    expect(isSorted(newest, 'desc')).toBe(true);

    await page.getByLabel('Order').selectOption('oldest');
    await expect(page).toHaveURL(/sort=oldest/);
    await expect(results(page).first().locator('time')).toHaveAttribute('datetime', newest.at(-1)!);
    await loadAll(page);
    const oldest = await resultDates(page);
    expect(isSorted(oldest, 'asc')).toBe(true);
    expect([...oldest].sort()).toEqual([...newest].sort());
  });

  test('browse mode lists every article of a theme, newest first', async ({ page }) => {
    await openSearch(page, '?theme=history');
    await loadAll(page);
    const listed = await listedTitles(page, '/themes/history/');
    expect(listed.length).toBeGreaterThan(1);
    // The theme page lists newest first too, ties broken by slug: same set, same dates order.
    expect([...(await resultTitles(page))].sort()).toEqual([...listed].sort());
    expect(isSorted(await resultDates(page), 'desc')).toBe(true);
    await expect(status(page)).toHaveText(new RegExp(`^${listed.length} articles in History, newest first`));
  });

  test('results come in pages of 10 with "load more", which moves focus to the first new result', async ({
    page,
  }) => {
    await openSearch(page, '?q=fixture');
    await expect(results(page)).toHaveCount(10);
    await page.getByRole('button', { name: 'Load more results' }).click();
    await expect(results(page)).toHaveCount(20);
    await expect(results(page).nth(10).getByRole('link')).toBeFocused();
  });

  test('an unknown word shows a helpful no-results state', async ({ page }) => {
    await openSearch(page, '?q=qwxzzyv&region=europe');
    await expect(results(page)).toHaveCount(0);
    await expect(status(page)).toHaveText('No articles match “qwxzzyv” in Europe.');
    const help = page.locator('#search-empty');
    await expect(help).toBeVisible();
    await expect(help).toContainText('check the spelling');
    await expect(help.getByRole('link', { name: 'regions' })).toHaveAttribute('href', '/regions/');
    await expect(page.getByRole('button', { name: 'Clear all filters' })).toBeVisible();
    await page.getByRole('button', { name: 'Clear all filters' }).click();
    await expect(page).toHaveURL(/\/search\/\?q=qwxzzyv$/);
  });

  test('a search URL opened directly restores query, filters and sort', async ({ page }) => {
    // Two regions (either matches) and a theme (must match): the Asia articles on history.
    await openSearch(page, '?q=fixture&region=asia&region=europe&theme=history&sort=oldest');
    await expect(page.getByLabel('Words to find')).toHaveValue('fixture');
    await expect(page.getByLabel('Order')).toHaveValue('oldest');
    for (const [group, name] of [
      ['region', 'Asia'],
      ['region', 'Europe'],
      ['theme', 'History'],
    ] as const) {
      await expect(
        page.locator(`[data-filter-group="${group}"] label`, { hasText: name }).getByRole('checkbox'),
      ).toBeChecked();
    }
    await expect(status(page)).toHaveText(
      '3 articles match “fixture” in Asia, Europe, History, oldest first.',
    );
    expect(isSorted(await resultDates(page), 'asc')).toBe(true);
    // The URL is kept as it was opened (it is already in canonical order).
    await expect(page).toHaveURL(
      /\/search\/\?q=fixture&region=asia&region=europe&theme=history&sort=oldest$/,
    );
  });

  test('back and forward restore earlier searches', async ({ page }) => {
    await openSearch(page, '?q=fixture');
    const first = await resultTitles(page);
    await page
      .locator('[data-filter-group="region"] label', { hasText: 'Asia' })
      .getByRole('checkbox')
      .check();
    await expect(page).toHaveURL(/region=asia/);
    await expect(status(page)).toHaveText(/in Asia/);
    await page.goBack();
    await expect(page).toHaveURL(/\/search\/\?q=fixture$/);
    await expect(
      page.locator('[data-filter-group="region"] label', { hasText: 'Asia' }).getByRole('checkbox'),
    ).not.toBeChecked();
    await expect(results(page).locator('.search-result-title')).toHaveText(first);
    await page.goForward();
    await expect(status(page)).toHaveText(/in Asia/);
  });

  test('is operable from the keyboard alone', async ({ page }) => {
    await openSearch(page);
    await page.getByLabel('Words to find').focus();
    await page.keyboard.type('report');
    await page.keyboard.press('Enter');
    await expect(status(page)).toHaveText(/match “report”/);
    const asia = page
      .locator('[data-filter-group="region"] label', { hasText: 'Asia' })
      .getByRole('checkbox');
    await asia.focus();
    await page.keyboard.press('Space');
    await expect(page).toHaveURL(/region=asia/);
    // The focused checkbox survives the re-rendered counts.
    await expect(asia).toBeFocused();
    await page.getByLabel('Order').focus();
    await page.keyboard.press('ArrowDown');
    await expect(page).toHaveURL(/sort=newest/);
  });

  test('the result count is announced in a live region', async ({ page }) => {
    await openSearch(page, '?q=census');
    await expect(status(page)).toHaveAttribute('role', 'status');
    await expect(status(page)).toHaveAttribute('aria-live', 'polite');
    await expect(status(page)).toHaveText(/^1 article/);
  });

  test('a hostile query is shown as text and runs nothing', async ({ page }) => {
    let dialogs = 0;
    page.on('dialog', (dialog) => {
      dialogs++;
      void dialog.dismiss();
    });
    await openSearch(page, `?q=${encodeURIComponent('<img src=x onerror=alert(1)>')}`);
    await expect(status(page)).toContainText('<img src=x onerror=alert(1)>');
    await expect(page.locator('main img')).toHaveCount(0);
    expect(dialogs).toBe(0);
  });

  test('search works under the Content Security Policy, without violations', async ({ page }) => {
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
    });
    await openSearch(page, '?q=serbia&sort=newest');
    await expect(results(page).first()).toBeVisible();
    expect(violations).toEqual([]);
  });

  test('the article reached from a result highlights the searched terms', async ({ page }) => {
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
    });
    await openSearch(page, '?q=melbourne');
    const link = results(page).first().getByRole('link');
    await expect(link).toHaveAttribute('href', '/articles/dokovic-wins-in-melbourne/?highlight=melbourne');
    await link.click();
    await expect(page).toHaveURL(/\/articles\/dokovic-wins-in-melbourne\/\?highlight=melbourne$/);
    const marks = page.locator('.article-body mark.pagefind-highlight');
    await expect(marks.first()).toHaveText(/melbourne/i);
    // Hidden aliases and ignored blocks are not marked.
    await expect(page.locator('[aria-hidden="true"] mark, [data-pagefind-ignore] mark')).toHaveCount(0);
    expect(violations).toEqual([]);
  });

  test('a search spread over one worker per core answers as one worker does', async ({ browser }) => {
    /** Runs a relevance search on a device reporting `cores` cores; what the reader sees, and the workers started. */
    const searchWithCores = async (cores: number) => {
      const page = await browser.newPage();
      await page.addInitScript(
        (n) => Object.defineProperty(navigator, 'hardwareConcurrency', { get: () => n }),
        cores,
      );
      // Pagefind's own worker is never started: the page's workers run Pagefind themselves.
      const pagefindWorkers: string[] = [];
      page.on('request', (request) => {
        const url = new URL(request.url());
        if (url.pathname.endsWith('/pagefind-worker.js')) pagefindWorkers.push(url.pathname);
      });
      await openSearch(page, '?q=the');
      await loadAll(page);
      const seen = {
        titles: await resultTitles(page),
        status: await status(page).textContent(),
        counts: await page.locator('.filter-group').allTextContents(),
        pagefindWorkers,
        workers: page.workers().map((worker) => new URL(worker.url()).pathname),
      };
      await page.close();
      return seen;
    };
    const one = await searchWithCores(1);
    const four = await searchWithCores(4);
    // The fixture's 6 shards: 1 worker on one core, 4 (the most) on four.
    expect(one.workers).toHaveLength(1);
    expect(four.workers).toHaveLength(4);
    for (const path of [...one.workers, ...four.workers]) expect(path).toMatch(/^\/_astro\/shard-worker\b/);
    expect([...one.pagefindWorkers, ...four.pagefindWorkers]).toEqual([]);
    expect(one.titles.length).toBeGreaterThan(10);
    expect({ ...four, workers: [] }).toEqual({ ...one, workers: [] });
  });

  test('a search that opens every shard fetches no entry, and the WebAssembly once per worker', async ({
    page,
  }) => {
    const requested: string[] = [];
    page.on('request', (request) => requested.push(new URL(request.url()).pathname));
    // A word of every fixture article: every shard is opened and searched.
    await openSearch(page, '?q=fixture');
    await expect(status(page)).toHaveText(/articles match/);
    const shards = (await (await page.request.get('/pagefind/shards.json')).json()) as { shards: unknown[] };
    const metadata = requested.filter((path) => path.endsWith('.pf_meta'));
    // Each shard's metadata was needed (the page's filter data reads it too), but no entry: the manifest has them.
    expect(new Set(metadata).size).toBeGreaterThanOrEqual(shards.shards.length);
    expect(requested.filter((path) => path.endsWith('/pagefind-entry.json'))).toEqual([]);
    const wasm = requested.filter((path) => path.endsWith('.pagefind'));
    expect(wasm.length).toBeGreaterThan(0);
    expect(wasm.length).toBeLessThanOrEqual(page.workers().length);
  });

  test('a new search replaces the last results at once, and hides their "load more" meanwhile', async ({
    page,
  }) => {
    await openSearch(page, '?q=fixture');
    await expect(results(page)).toHaveCount(10);
    const firstBefore = (await resultTitles(page))[0];
    // Every state the list and "load more" pass through while the next search runs.
    await page.evaluate(() => {
      const list = document.querySelector('#search-results');
      const more = document.querySelector<HTMLButtonElement>('#search-more');
      if (!list?.parentElement || !more) throw new Error('search page: no results list');
      const seen: { items: number; first: string; busy: boolean; more: boolean }[] = [];
      Object.assign(window, { seenStates: seen });
      new MutationObserver(() =>
        seen.push({
          items: list.children.length,
          first: list.querySelector('.search-result-title')?.textContent ?? '',
          busy: list.hasAttribute('aria-busy'),
          more: !more.hidden,
        }),
      ).observe(list.parentElement, {
        subtree: true,
        childList: true,
        attributes: true,
        characterData: true,
      });
    });
    await page.locator('#search-query').fill('serbia');
    await page.locator('#search-query').press('Enter');
    await expect(page).toHaveURL(/\?q=serbia$/);
    await expect(page.locator('#search-results')).not.toHaveAttribute('aria-busy', 'true');
    const firstAfter = (await resultTitles(page))[0];
    expect(firstAfter).not.toBe(firstBefore);
    const seen = await page.evaluate(
      () =>
        (
          window as unknown as {
            seenStates: { items: number; first: string; busy: boolean; more: boolean }[];
          }
        ).seenStates,
    );
    expect(seen.length).toBeGreaterThan(0);
    // Never an empty list between the two searches' results.
    expect(seen.filter((state) => state.items === 0)).toEqual([]);
    // While the last results wait to be replaced, their "load more" is not offered.
    const waiting = seen.filter((state) => state.busy && state.first === firstBefore);
    expect(waiting.length).toBeGreaterThan(0);
    expect(waiting.filter((state) => state.more)).toEqual([]);
  });

  test('a search that fails leaves none of the last results listed', async ({ page }) => {
    await openSearch(page, '?q=fixture');
    await expect(results(page)).toHaveCount(10);
    const before = await resultTitles(page);
    // The next search's excerpts cannot load (those already loaded stay in Pagefind's memory).
    await page.route('**/*.pf_fragment', (route) => route.abort());
    await page.locator('#search-query').fill('serbia');
    await page.locator('#search-query').press('Enter');
    await expect(status(page)).toHaveText('Something went wrong while searching. Please try again.');
    expect(before.length).toBe(10);
    await expect(results(page)).toHaveCount(0);
  });

  test('a search page whose Pagefind runtime cannot load says search is not available', async ({ page }) => {
    // The runtime is loaded by the page's workers, not by the page itself.
    await page.route('**/pagefind/pagefind.js', (route) => route.abort());
    await page.goto('/search/?q=serbia');
    await expect(status(page)).toHaveText('Search is not available: the search index could not be loaded.');
    await expect(page.locator('[data-search-page]')).toHaveAttribute('data-state', 'error');
  });

  test('results the page no longer holds are released with one message per search, not one per result', async ({
    page,
  }) => {
    // Counts every message the page posts to a worker, Pagefind's own worker included.
    await page.addInitScript(() => {
      const post = Worker.prototype.postMessage as (this: Worker, ...message: unknown[]) => void;
      const counter = window as unknown as { postedToWorkers: number };
      counter.postedToWorkers = 0;
      Worker.prototype.postMessage = function (this: Worker, ...message: unknown[]) {
        counter.postedToWorkers++;
        post.apply(this, message);
      } as Worker['postMessage'];
    });
    const posted = () =>
      page.evaluate(() => (window as unknown as { postedToWorkers: number }).postedToWorkers);
    // A word of every fixture article, from every shard, then a search that replaces its results.
    await openSearch(page, '?q=fixture');
    const found = Number(/([\d,]+) articles? match/.exec((await status(page).textContent()) ?? '')?.[1]);
    await page.locator('#search-query').fill('qzwkvxj');
    await page.locator('#search-query').press('Enter');
    await expect(status(page)).toHaveText(/No articles match/);

    const before = await posted();
    const devtools = await page.context().newCDPSession(page);
    await devtools.send('HeapProfiler.collectGarbage');
    // Finalizers run in tasks after the collection.
    await page.waitForTimeout(500);
    const released = (await posted()) - before;
    const shards = (await (await page.request.get('/pagefind/shards.json')).json()) as { shards: unknown[] };
    expect(found).toBeGreaterThan(shards.shards.length * 2);
    // One release per search: each shard's, and the directory's for each of the two queries. Pagefind's
    // own worker releases each result with a message of its own: 30 here, and tens of thousands at
    // 10,000 articles, which stalled the searches after them.
    expect(released).toBeLessThanOrEqual(shards.shards.length + 2);
  });

  test('a common word is answered from its precomputed file exactly as the whole index answers it', async ({
    browser,
  }) => {
    // Four searches, each through every page of results.
    test.slow();
    const manifest = (await (
      await browser.newPage()
    ).request
      .get('/pagefind/shards.json')
      .then((r) => r.json())) as { answers: string[] };
    // The fixture's most common words; "the" is in every article.
    expect(manifest.answers).toContain('the');
    expect(manifest.answers.length).toBeGreaterThan(1);

    /** What a reader sees for `query` (first page, then every page), and the index files read for the first page. */
    const searchFor = async (query: string, { withAnswers }: { withAnswers: boolean }) => {
      const page = await browser.newPage();
      if (!withAnswers) await page.route('**/pagefind/answers/**', (route) => route.abort());
      const fetched: string[] = [];
      page.on('request', (request) => fetched.push(new URL(request.url()).pathname));
      await openSearch(page, `?q=${query}`);
      const firstPage = {
        items: await results(page).evaluateAll((items) => items.map((item) => item.innerHTML)),
        status: await status(page).textContent(),
        counts: await page.locator('.filter-group').allTextContents(),
      };
      const readForFirstPage = fetched.filter((path) => /\.pf_(index|filter|meta|fragment)$/.test(path));
      const answerFiles = fetched.filter((path) => path.startsWith('/pagefind/answers/'));
      await loadAll(page);
      const all = { titles: await resultTitles(page), status: await status(page).textContent() };
      const readInAll = fetched.filter((path) => /\.pf_index$/.test(path));
      await page.close();
      return { firstPage, all, readForFirstPage, answerFiles, readInAll };
    };

    // The most common word and the least common one answered.
    for (const query of [manifest.answers[0] ?? '', manifest.answers.at(-1) ?? '']) {
      const answered = await searchFor(query, { withAnswers: true });
      const searched = await searchFor(query, { withAnswers: false });
      // From the file: one small JSON, not a byte of the index, until "load more".
      expect(answered.answerFiles).toEqual([`/pagefind/answers/${encodeURIComponent(query)}.json`]);
      expect(answered.readForFirstPage).toEqual([]);
      expect(searched.readForFirstPage.length).toBeGreaterThan(0);
      // Identical to the reader: results (titles, links, excerpts, dates, sources), status and counts.
      expect(answered.firstPage.items.length).toBe(10);
      expect(answered.firstPage).toEqual(searched.firstPage);
      // "Load more" continues from the index (the fixture's answers hold 12 results), in the same order.
      expect(answered.readInAll.length).toBeGreaterThan(0);
      expect(answered.all).toEqual(searched.all);
      expect(answered.all.titles.length).toBeGreaterThan(10);
    }
  });

  test("a browse by one value counts from that value's row exactly as from every shard, reading fewer shards", async ({
    browser,
  }) => {
    const manifest = (await (
      await browser.newPage()
    ).request
      .get('/pagefind/shards.json')
      .then((r) => r.json())) as { browse: string; shards: unknown[] };
    expect(manifest.browse).toMatch(/^browse\.[0-9a-f]{16}$/);

    /** What a reader sees for a browse (first page, then every page), and the search files it read. */
    const browse = async (query: string, { withRows }: { withRows: boolean }) => {
      const page = await browser.newPage();
      if (!withRows) await page.route('**/pagefind/browse.*/**', (route) => route.abort());
      const fetched: string[] = [];
      page.on('request', (request) => fetched.push(new URL(request.url()).pathname));
      await openSearch(page, query);
      const firstPage = {
        items: await results(page).evaluateAll((items) => items.map((item) => item.innerHTML)),
        status: await status(page).textContent(),
        counts: await page.locator('.filter-group').allTextContents(),
      };
      const filtersFiles = fetched.filter((path) => /\/filters\.[0-9a-f]+\.json$/.test(path));
      const rows = fetched.filter((path) => path.startsWith(`/pagefind/${manifest.browse}/`));
      await loadAll(page);
      const all = { titles: await resultTitles(page), status: await status(page).textContent() };
      await page.close();
      return { firstPage, all, filtersFiles, rows };
    };

    // The fixture's 2021 articles fill the first page from the two newest shards; Europe's 8 need every shard.
    for (const [query, row, firstPageShards] of [
      ['?year=2021', 'year/2021.json', 2],
      ['?region=europe&sort=oldest', 'region/europe.json', manifest.shards.length],
    ] as const) {
      const fromRow = await browse(query, { withRows: true });
      const fromShards = await browse(query, { withRows: false });
      expect(fromRow.rows).toEqual([`/pagefind/${manifest.browse}/${row}`]);
      // The same page for the reader: results, status line and every count of the filter panel.
      expect(fromRow.firstPage.items.length).toBeGreaterThan(0);
      expect(fromRow.firstPage).toEqual(fromShards.firstPage);
      expect(fromRow.all).toEqual(fromShards.all);
      // Counting from the shards reads every shard's filters; the row, only those the first page needs.
      expect(fromShards.filtersFiles.length).toBe(manifest.shards.length);
      expect(fromRow.filtersFiles.length).toBe(firstPageShards);
    }
  });

  test('article pages without ?highlight= load no Pagefind code', async ({ page }) => {
    const requested: string[] = [];
    page.on('request', (request) => requested.push(new URL(request.url()).pathname));
    await page.goto('/articles/dokovic-wins-in-melbourne/');
    await expect(page.locator('h1')).toBeVisible();
    await page.waitForLoadState('networkidle');
    expect(requested.filter((p) => p.startsWith('/pagefind/'))).toEqual([]);
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    test(`axe finds no violations on the search page with results shown (${colorScheme})`, async ({
      page,
    }) => {
      await page.emulateMedia({ colorScheme });
      await openSearch(page, '?q=report&region=europe');
      await expect(results(page).first()).toBeVisible();
      await expect(results(page).first().locator('mark').first()).toBeVisible();
      const { violations } = await new AxeBuilder({ page }).analyze();
      expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual(
        [],
      );
    });
  }
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the header form lands on the search page with the query, which explains and links to browse pages', async ({
    page,
  }) => {
    await page.goto('/');
    const header = page.getByRole('search', { name: 'Search the archive' });
    await header.getByRole('searchbox').fill('s-400 serbia');
    await header.getByRole('button', { name: 'Search' }).click();
    await expect(page).toHaveURL(/\/search\/\?q=s-400\+serbia$/);
    const explanation = page.locator('.search-noscript');
    await expect(explanation).toBeVisible();
    await expect(explanation).toContainText('needs JavaScript');
    for (const href of ['/regions/', '/themes/', '/authors/', '/sources/', '/archive/']) {
      await expect(explanation.locator(`a[href="${href}"]`)).toHaveCount(1);
    }
  });
});

/**
 * The search page's behaviour: reads the state from the URL, runs searches,
 * renders results, filters and the status line, and keeps the URL in step
 * (pushState for deliberate changes, replaceState while typing, popstate to
 * restore). Everything from the URL or the index reaches the page through
 * textContent and DOM nodes, never innerHTML.
 */
import { SearchEngine, type PagefindResult, type PagefindResultData, type SearchAnswer } from './engine.ts';
import { excerptSegments } from './excerpt.ts';
import { panelOptions, type FilterCounts, type FilterOption } from './filter-values.ts';
import {
  FILTER_KEYS,
  emptyFilters,
  hasFilters,
  highlightParams,
  isIdle,
  parseSearchState,
  serializeSearchState,
  statesEqual,
  type FilterKey,
  type SearchState,
  type SortMode,
} from './url-state.ts';

const IDLE_MESSAGE = 'Type words to search, or choose a region, theme, source, author or year to browse.';

interface Elements {
  root: HTMLElement;
  form: HTMLFormElement;
  query: HTMLInputElement;
  sort: HTMLSelectElement;
  status: HTMLElement;
  results: HTMLOListElement;
  more: HTMLButtonElement;
  empty: HTMLElement;
  clear: HTMLButtonElement;
  groups: Map<FilterKey, HTMLElement>;
}

const SORT_DESCRIPTION: Record<SortMode, string> = {
  relevance: 'best match first',
  newest: 'newest first',
  oldest: 'oldest first',
};

function required<T extends Element>(root: ParentNode, selector: string): T {
  const el = root.querySelector<T>(selector);
  if (!el) throw new Error(`search page: missing ${selector}`);
  return el;
}

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: { className?: string; text?: string } = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props.className) el.className = props.className;
  if (props.text !== undefined) el.textContent = props.text;
  el.append(...children);
  return el;
}

/**
 * Formats counts. One formatter for the page: `toLocaleString` with a locale
 * sets one up on every call, and the filter panel formats a count for every
 * value of the archive after each search (thousands of authors).
 */
const countFormat = new Intl.NumberFormat('en-US');

function plural(n: number, one: string, many: string): string {
  return `${countFormat.format(n)} ${n === 1 ? one : many}`;
}

export class SearchPage {
  readonly #el: Elements;
  readonly #engine: SearchEngine;
  readonly #pageSize: number;
  readonly #dateFormat: Intl.DateTimeFormat;
  readonly #baseTitle: string;
  #state: SearchState;
  #answer: SearchAnswer | undefined;
  /** The answer's exact number of results, once every shard has answered. */
  #total: number | undefined;
  #shown = 0;
  /** Increases with every search; answers of older searches are dropped. */
  #generation = 0;
  /** Each filter group's rows by slug: the panel's rows are only ever made here. */
  readonly #filterRows = new Map<FilterKey, Map<string, FilterRow>>();
  /** Increases with every rendering of the filter panel. */
  #filterPass = 0;

  constructor(root: HTMLElement, engine = new SearchEngine()) {
    const groups = new Map<FilterKey, HTMLElement>();
    for (const key of FILTER_KEYS) groups.set(key, required(root, `[data-filter-group="${key}"]`));
    this.#el = {
      root,
      form: required(root, 'form.search-controls'),
      query: required(root, '#search-query'),
      sort: required(root, '#search-sort'),
      status: required(root, '#search-status'),
      results: required(root, '#search-results'),
      more: required(root, '#search-more'),
      empty: required(root, '#search-empty'),
      clear: required(root, '#search-clear'),
      groups,
    };
    this.#engine = engine;
    this.#pageSize = Number(root.dataset['pageSize']) || 10;
    this.#dateFormat = new Intl.DateTimeFormat(root.dataset['dateLocale'] || 'en-US', {
      year: 'numeric',
      month: 'long',
      day: 'numeric',
      timeZone: 'UTC',
    });
    this.#baseTitle = document.title;
    this.#state = parseSearchState(window.location.search);
  }

  async start(): Promise<void> {
    this.#bind();
    this.#showControls(this.#state);
    this.#el.root.dataset['ready'] = 'true';
    if (isIdle(this.#state)) {
      // Nothing asked yet: load the index when the reader reaches for the form, not with
      // the page, so an empty search page costs no script time (Lighthouse measured
      // 270 ms of blocking when it loaded at once).
      this.#setStatus(IDLE_MESSAGE);
      const wake = (): void => void this.#activate();
      for (const type of ['focusin', 'pointerdown', 'keydown'] as const) {
        this.#el.form.addEventListener(type, wake, { once: true });
      }
      return;
    }
    await this.#activate();
  }

  #activated = false;

  /** Loads the index and shows what the URL asks for (filter counts, in the idle state). */
  async #activate(): Promise<void> {
    if (this.#activated) return;
    this.#activated = true;
    try {
      await this.#engine.load();
    } catch {
      this.#setStatus('Search is not available: the search index could not be loaded.');
      this.#el.root.dataset['state'] = 'error';
      return;
    }
    await this.#search({ history: 'none' });
  }

  #bind(): void {
    const { form, query, sort, more, clear } = this.#el;
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.#search({ history: 'push' });
    });
    query.addEventListener('input', () => {
      void this.#engine.preload(this.#readControls()).catch(() => undefined);
      void this.#search({ history: 'replace', debounce: true });
    });
    sort.addEventListener('change', () => void this.#search({ history: 'push' }));
    form.addEventListener('change', (event) => {
      if (event.target instanceof HTMLInputElement && event.target.type === 'checkbox') {
        void this.#search({ history: 'push' });
      }
    });
    more.addEventListener('click', () => void this.#showMore({ focusFirstNew: true }));
    clear.addEventListener('click', () => {
      for (const box of form.querySelectorAll<HTMLInputElement>('input[type="checkbox"]'))
        box.checked = false;
      void this.#search({ history: 'push' });
      this.#el.query.focus();
    });
    window.addEventListener('popstate', () => {
      this.#state = parseSearchState(window.location.search);
      this.#showControls(this.#state);
      void this.#search({ history: 'none', fromUrl: true });
    });
  }

  /** The state the controls show. */
  #readControls(): SearchState {
    const filters = emptyFilters();
    for (const key of FILTER_KEYS) {
      for (const box of this.#el.groups.get(key)?.querySelectorAll<HTMLInputElement>('input:checked') ?? []) {
        filters[key].push(box.value);
      }
    }
    return parseSearchState(
      serializeSearchState({ query: this.#el.query.value, filters, sort: this.#el.sort.value as SortMode }),
    );
  }

  #showControls(state: SearchState): void {
    if (this.#el.query.value.trim() !== state.query) this.#el.query.value = state.query;
    this.#el.sort.value = state.sort;
    for (const key of FILTER_KEYS) {
      for (const box of this.#el.groups.get(key)?.querySelectorAll<HTMLInputElement>('input') ?? []) {
        box.checked = state.filters[key].includes(box.value);
      }
    }
  }

  async #search({
    history,
    debounce = false,
    fromUrl = false,
  }: {
    history: 'push' | 'replace' | 'none';
    debounce?: boolean;
    fromUrl?: boolean;
  }): Promise<void> {
    const state = fromUrl || history === 'none' ? this.#state : this.#readControls();
    const changed = !statesEqual(state, this.#state);
    this.#state = state;
    const url = `${window.location.pathname}${serializeSearchState(state)}`;
    if (history === 'push' && changed) window.history.pushState(null, '', url);
    else if (history !== 'none') window.history.replaceState(null, '', url);
    document.title = state.query ? `${state.query} – ${this.#baseTitle}` : this.#baseTitle;

    const generation = ++this.#generation;
    this.#el.results.setAttribute('aria-busy', 'true');
    // The last results stay listed until this search's replace them, but not their "load
    // more": it would read the new answer from the old results' position.
    this.#el.more.hidden = true;
    try {
      if (isIdle(state)) {
        const counts = await this.#engine.allFilters();
        if (generation !== this.#generation) return;
        this.#answer = undefined;
        this.#renderFilters(counts);
        this.#clearResults();
        this.#el.empty.hidden = true;
        this.#setStatus(IDLE_MESSAGE);
        return;
      }
      const answer = await this.#engine.run(state, { debounce, pageSize: this.#pageSize });
      if (answer === null || generation !== this.#generation) return;
      this.#answer = answer;
      this.#total = undefined;
      // The first results show as soon as the shards holding them answer (see engine.ts),
      // replacing the last search's at once rather than after an empty list (one layout,
      // not two); the exact total and counts follow once every shard has.
      await this.#showMore({ focusFirstNew: false, generation, replace: true });
      const { total, counts } = await answer.complete;
      // Every value of the archive, so that the panel's rows keep one order (see #renderFilters);
      // the engine has it already for any search that counts.
      const every = await this.#engine.allFilters().catch(() => ({}));
      if (generation !== this.#generation) return;
      this.#total = total;
      this.#renderFilters(counts, every);
      this.#describe();
    } catch (error) {
      // The reader gets a sentence; whoever debugs gets the cause.
      console.error('search failed:', error);
      if (generation === this.#generation) {
        // The last search's results may still be listed: they do not answer this one.
        this.#clearResults();
        this.#setStatus('Something went wrong while searching. Please try again.');
      }
    } finally {
      if (generation === this.#generation) this.#el.results.removeAttribute('aria-busy');
    }
  }

  #clearResults(): void {
    this.#shown = 0;
    this.#el.empty.hidden = true;
    this.#el.results.replaceChildren();
    this.#el.more.hidden = true;
  }

  /** Shows the answer's next page of results; with `replace`, its first page in place of what the list holds. */
  async #showMore({
    focusFirstNew,
    generation = this.#generation,
    replace = false,
  }: {
    focusFirstNew: boolean;
    generation?: number;
    replace?: boolean;
  }) {
    const answer = this.#answer;
    if (!answer) return;
    const next = await answer.slice(replace ? 0 : this.#shown, this.#pageSize);
    const data = await Promise.all(next.map((r: PagefindResult) => r.data()));
    if (generation !== this.#generation) return;
    const items = data.map((d) => this.#renderResult(d));
    if (replace) this.#clearResults();
    this.#el.results.append(...items);
    this.#shown += items.length;
    this.#describe();
    if (focusFirstNew) items[0]?.querySelector('a')?.focus();
  }

  /** The status line, "load more" and the no-results help; they wait for the exact total. */
  #describe(): void {
    const total = this.#total;
    this.#el.more.hidden = total === undefined || this.#shown >= total;
    if (total === undefined) return;
    this.#el.empty.hidden = total > 0;
    const { query } = this.#state;
    const answer = this.#answer;
    const chosen = FILTER_KEYS.flatMap((key) => answer?.resolved[key] ?? []);
    const within = chosen.length > 0 ? ` in ${chosen.join(', ')}` : '';
    if (total === 0) {
      this.#setStatus(query ? `No articles match “${query}”${within}.` : `No articles${within}.`);
      this.#el.clear.hidden = !hasFilters(this.#state);
      return;
    }
    const what = query ? ` match “${query}”` : '';
    const order = SORT_DESCRIPTION[answer?.sort ?? 'relevance'];
    const shown = this.#shown < total ? ` Showing ${countFormat.format(this.#shown)}.` : '';
    this.#setStatus(`${plural(total, 'article', 'articles')}${what}${within}, ${order}.${shown}`);
    this.#el.clear.hidden = !hasFilters(this.#state);
  }

  #setStatus(text: string): void {
    if (this.#el.status.textContent !== text) this.#el.status.textContent = text;
  }

  #renderResult(data: PagefindResultData): HTMLLIElement {
    const title = data.meta['title'] || data.url;
    const link = element('a', { text: title });
    link.href = `${data.url}${highlightParams(this.#state.query)}`;
    const meta = element('p', { className: 'search-result-meta' });
    const parts: Node[] = [];
    const date = data.meta['date'];
    if (date && /^\d{4}-\d{2}-\d{2}$/.test(date)) {
      const time = element('time', { text: this.#dateFormat.format(new Date(`${date}T00:00:00Z`)) });
      time.dateTime = date;
      parts.push(time);
    }
    if (data.meta['source'])
      parts.push(element('span', { className: 'search-result-source', text: data.meta['source'] }));
    const authors = data.filters['author'] ?? [];
    if (authors.length > 0)
      parts.push(element('span', { className: 'search-result-authors', text: `By ${authors.join(', ')}` }));
    parts.forEach((part, i) => meta.append(...(i > 0 ? [' · ', part] : [part])));
    const excerpt = element('p', { className: 'search-result-excerpt' });
    const source = this.#state.query ? data.excerpt : (data.meta['summary'] ?? data.excerpt);
    for (const segment of excerptSegments(source)) {
      excerpt.append(segment.marked ? element('mark', { text: segment.text }) : segment.text);
    }
    return element(
      'li',
      { className: 'search-result' },
      element('h2', { className: 'search-result-title' }, link),
      meta,
      excerpt,
    );
  }

  /**
   * Updates each filter group in place. A row is made the first time its
   * value has results, in the order of every value of the archive (`every`),
   * and is then kept: hidden while its value has none, never moved, so a
   * focused checkbox keeps its focus while counts change, and a search
   * touches only the rows whose count or visibility changes (an archive may
   * have thousands of authors).
   */
  #renderFilters(counts: FilterCounts, every: FilterCounts = {}): void {
    const pass = ++this.#filterPass;
    const focusedRow = document.activeElement?.closest('li') ?? null;
    for (const key of FILTER_KEYS) {
      const group = this.#el.groups.get(key);
      const list = group?.querySelector('ul');
      if (!group || !list) continue;
      let rows = this.#filterRows.get(key);
      if (!rows) this.#filterRows.set(key, (rows = new Map()));
      const options = panelOptions(key, every[key] ?? counts[key] ?? {}, counts[key], this.#state.filters);
      let previous: FilterRow | undefined;
      let visible = 0;
      for (const option of options) {
        let row = rows.get(option.slug);
        const shown = option.count > 0 || option.checked || (row !== undefined && row.element === focusedRow);
        if (!row) {
          if (!shown) continue;
          row = this.#filterRow(key, option);
          rows.set(option.slug, row);
          if (previous) previous.element.after(row.element);
          else list.prepend(row.element);
        }
        row.pass = pass;
        this.#updateRow(row, option.count, option.checked);
        if (row.element.hidden === shown) row.element.hidden = !shown;
        if (shown) visible++;
        previous = row;
      }
      // A row of a value no longer listed (a stale slug from the URL, now cleared).
      for (const [slug, row] of rows) {
        if (row.pass === pass) continue;
        if (row.element === focusedRow) {
          this.#updateRow(row, 0, row.box.checked);
          visible++;
        } else {
          row.element.remove();
          rows.delete(slug);
        }
      }
      group.hidden = visible === 0;
    }
  }

  #filterRow(key: FilterKey, option: FilterOption): FilterRow {
    const box = element('input');
    box.type = 'checkbox';
    box.name = key;
    box.value = option.slug;
    const count = element('span', { className: 'filter-count' });
    const label = element(
      'label',
      {},
      box,
      ' ',
      element('span', { className: 'filter-value', text: option.value }),
      ' ',
      count,
    );
    const row = element('li', {}, label);
    row.dataset['slug'] = option.slug;
    return { element: row, box, count, shownCount: undefined, pass: 0 };
  }

  #updateRow(row: FilterRow, count: number, checked: boolean): void {
    if (row.box.checked !== checked) row.box.checked = checked;
    if (row.shownCount !== count) {
      row.count.textContent = `(${countFormat.format(count)})`;
      row.shownCount = count;
    }
  }
}

/** A row of the filter panel, with the parts a search updates. */
interface FilterRow {
  element: HTMLLIElement;
  box: HTMLInputElement;
  count: HTMLElement;
  /** The count the row shows. */
  shownCount: number | undefined;
  /** The last rendering of the panel that listed the row's value. */
  pass: number;
}

const root = document.querySelector<HTMLElement>('[data-search-page]');
if (root) void new SearchPage(root).start();

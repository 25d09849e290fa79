import { readFileSync } from 'node:fs';
import { parse as parseHtml } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import { parseArticleFile } from '../../../src/lib/frontmatter.ts';
import {
  analyseArticleMarkdown,
  ArticleBodyError,
  renderArticleMarkdown,
} from '../../../src/markdown/render.ts';

const SEED_FILE =
  'content/articles/2019/11/us-threatens-sanctions-on-serbia-scrambles-to-thwart-possible-russian-s-400.md';
// node-html-parser keeps <pre> as raw text unless told otherwise.
const parse = (html: string) => parseHtml(html, { blockTextElements: { script: true, style: true } });
const options = { file: 'articles/2020/01/fixture.md', bodyStartLine: 10, published: '2020-01-15' };

const render = (body: string) => renderArticleMarkdown(body, options);

describe('external links', () => {
  it('get rel, class, domain, title and a screen-reader marker; internal links stay as they are', async () => {
    const { html } = await render(
      'See [the report](https://www.Reuters.com/world/x "Story") and [our page](/articles/other/) and [notes](#notes).',
    );
    const root = parse(html);
    const [external, internal, fragment] = root.querySelectorAll('a');
    expect(external?.getAttribute('href')).toBe('https://www.Reuters.com/world/x');
    expect(external?.getAttribute('rel')).toBe('noopener noreferrer');
    expect(external?.classList.contains('external')).toBe(true);
    expect(external?.getAttribute('data-domain')).toBe('reuters.com');
    expect(external?.getAttribute('title')).toBe('Story (reuters.com)');
    const marker = external?.querySelector('span.visually-hidden');
    expect(marker?.text).toBe(' (external link)');
    expect(internal?.outerHTML).toBe('<a href="/articles/other/">our page</a>');
    expect(fragment?.outerHTML).toBe('<a href="#notes">notes</a>');
  });

  it('uses the domain as title when the link has none, and marks http links too', async () => {
    const { html } = await render('[x](http://example.org/a)');
    const a = parse(html).querySelector('a');
    expect(a?.getAttribute('title')).toBe('example.org');
    expect(a?.getAttribute('data-domain')).toBe('example.org');
  });

  it('marks links in raw HTML as well as Markdown links', async () => {
    const { html, citations } = await render('<p>Raw <a href="https://tass.com/world/1">TASS</a></p>');
    expect(parse(html).querySelector('a')?.classList.contains('external')).toBe(true);
    expect(citations.map((c) => c.url)).toEqual(['https://tass.com/world/1']);
  });
});

describe('placeholder links', () => {
  it('become plain text and are reported with their file line, never listed as citations', async () => {
    const body = 'Intro.\n\nAccording to [TASS](#), and [empty]() and [spaced]( # ).\n';
    const result = await render(body);
    expect(result.html).toBe('<p>Intro.</p>\n<p>According to TASS, and empty and spaced.</p>');
    expect(result.placeholders).toEqual([
      { text: 'TASS', line: 12 },
      { text: 'empty', line: 12 },
      { text: 'spaced', line: 12 },
    ]);
    expect(result.citations).toEqual([]);
  });

  it('keeps the emphasis and links inside a placeholder', async () => {
    const { html } = await render('[*TASS* said](#)');
    expect(html).toBe('<p><em>TASS</em> said</p>');
  });

  it('leaves no href="#" in the seed, whose TASS and Reuters mentions are plain text', async () => {
    const parsed = parseArticleFile(readFileSync(SEED_FILE, 'utf8'));
    const result = await renderArticleMarkdown(parsed.body, {
      file: SEED_FILE,
      bodyStartLine: parsed.bodyStartLine,
      published: '2019-11-18',
    });
    expect(result.html).not.toContain('href="#"');
    expect(result.html).not.toContain('<a');
    expect(result.html).toContain('according to TASS.</p>');
    expect(result.html).toContain('<p>Per the Reuters report:</p>');
    expect(result.placeholders).toEqual([
      { text: 'TASS', line: 16 },
      { text: 'threats and intervention', line: 26 },
      { text: 'report', line: 32 },
    ]);
    expect(result.citations).toEqual([]);
    expect(result.removed).toEqual([]);
  });
});

describe('unsafe link targets', () => {
  const cases: [string, string, number, string][] = [
    ['a Markdown link', 'Text.\n\n[click](javascript:alert(1))', 12, 'javascript'],
    ['an upper-case scheme', '[x](JavaScript:alert(1))', 10, 'javascript'],
    ['a data: image', 'One\ntwo\n![x](data:image/png;base64,AAAA)', 12, 'data'],
    ['a vbscript: link in raw HTML', '<a href="vbscript:msgbox(1)">x</a>', 10, 'vbscript'],
    ['an entity-encoded scheme in raw HTML', '\n<a href="jav&#x61;script:alert(1)">x</a>', 11, 'javascript'],
    ['a reference definition', '[x][r]\n\n[r]: javascript:alert(1)', 10, 'javascript'],
    ['a link inside a stripped element', '<form><a href="javascript:1">x</a></form>', 10, 'javascript'],
  ];
  for (const [name, body, line, scheme] of cases) {
    it(`fail the render naming file and line: ${name}`, async () => {
      const failure = await render(body).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(ArticleBodyError);
      expect((failure as Error).message).toMatch(
        new RegExp(
          `^articles/2020/01/fixture\\.md:${line}: link target uses the forbidden "${scheme}:" scheme`,
        ),
      );
      expect((failure as ArticleBodyError).line).toBe(line);
    });
  }

  it('do not flag words that merely look like schemes', async () => {
    await expect(render('The data: it shows. [x](/data:file)')).resolves.toBeDefined();
  });
});

describe('citations', () => {
  it('list each distinct external link once, in order of first appearance, with text, domain and line', async () => {
    const body = [
      'First [Reuters](https://www.reuters.com/world/a).', // line 10
      '',
      'Then [TASS](https://tass.com/b) and [again](https://reuters.com/world/a/#top).', // 12
      '',
      'Internal [page](/articles/x/), placeholder [p](#), and [AP](https://apnews.com/c).', // 14
      '',
      'TASS once more: [here](https://TASS.com/b).', // 16
    ].join('\n');
    const { citations } = await render(body);
    expect(citations).toEqual([
      {
        text: 'Reuters',
        url: 'https://www.reuters.com/world/a',
        domain: 'reuters.com',
        archivedUrl: 'https://web.archive.org/web/20200115/https://www.reuters.com/world/a',
        line: 10,
      },
      {
        text: 'TASS',
        url: 'https://tass.com/b',
        domain: 'tass.com',
        archivedUrl: 'https://web.archive.org/web/20200115/https://tass.com/b',
        line: 12,
      },
      {
        text: 'AP',
        url: 'https://apnews.com/c',
        domain: 'apnews.com',
        archivedUrl: 'https://web.archive.org/web/20200115/https://apnews.com/c',
        line: 14,
      },
    ]);
  });

  it('take the Wayback date from the article published date', async () => {
    const { citations } = await renderArticleMarkdown('[a](https://example.org/a?x=1&y=2)', {
      ...options,
      published: '2019-11-18',
    });
    expect(citations[0]?.archivedUrl).toBe(
      'https://web.archive.org/web/20191118/https://example.org/a?x=1&y=2',
    );
  });

  it('count every appearance for the duplicate check', async () => {
    const result = await analyseArticleMarkdown(
      '[a](https://x.org/1) [b](https://x.org/1) [c](https://x.org/1#f)',
      options,
    );
    expect(result.citations).toHaveLength(1);
    expect(result.externalLinks.map((l) => l.text)).toEqual(['a', 'b', 'c']);
  });
});

describe('raw HTML', () => {
  it('is sanitized, and what was removed is reported with its line', async () => {
    const body = [
      'Safe paragraph.', // 10
      '',
      '<div onclick="steal()" style="color:red"><b>bold</b><script>alert(1)</script></div>', // 12
      '',
      '<iframe src="https://evil.example/"></iframe>', // 14
      '',
      '<img src="https://img.example/a.png" alt="A" onerror="alert(1)">', // 16
    ].join('\n');
    const result = await render(body);
    expect(result.html).toContain('<div><b>bold</b></div>');
    expect(result.html).toContain('<img src="https://img.example/a.png" alt="A">');
    expect(result.html).not.toMatch(/script|iframe|onclick|onerror|style=/);
    expect(result.removed).toEqual([
      { what: 'attribute onclick', line: 12 },
      { what: 'attribute style', line: 12 },
      { what: 'element <script>', line: 12 },
      { what: 'element <iframe>', line: 14 },
      { what: 'attribute onerror', line: 16 },
    ]);
  });

  it('reports nothing for what Markdown itself produces: tables, footnotes, task lists, code', async () => {
    const body = [
      '| a | b |',
      '|:--|--:|',
      '| 1 | 2 |',
      '',
      '- [x] done',
      '',
      'Text with a note.[^1]',
      '',
      '```js',
      'const a = 1;',
      '```',
      '',
      '[^1]: The note.',
    ].join('\n');
    const result = await render(body);
    expect(result.removed).toEqual([]);
    const root = parse(result.html);
    expect(root.querySelector('th')?.getAttribute('align')).toBe('left');
    expect(root.querySelector('input')?.getAttribute('type')).toBe('checkbox');
    expect(root.querySelector('code')?.classList.contains('language-js')).toBe(true);
    // Footnote links still reach their targets after the sanitizer prefixed the ids.
    const ref = root.querySelector('a[data-footnote-ref]');
    const target = ref?.getAttribute('href')?.slice(1) ?? '';
    expect(target).toMatch(/^user-content-/);
    expect(root.getElementById(target)).not.toBeNull();
    const back = root.querySelector('a[data-footnote-backref]');
    expect(root.getElementById(back?.getAttribute('href')?.slice(1) ?? '')).not.toBeNull();
  });

  it('gives the same output whether or not raw HTML made the parser run', async () => {
    const plain = await render('Para *one*.\n\n> quote\n\n1. item');
    const withComment = await render('Para *one*.\n\n> quote\n\n1. item\n\n<!-- editor note -->');
    expect(withComment.html.trim()).toBe(plain.html.trim());
  });
});

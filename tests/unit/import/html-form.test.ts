/**
 * The HTML form: saved news pages, one described by JSON-LD and one by meta
 * tags only. Asserts on the facts read and on the Markdown body produced.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeInput } from '../../../src/lib/import/decode.ts';
import type { ImportDraft } from '../../../src/lib/import/draft.ts';
import { readHtmlForm } from '../../../src/lib/import/html-form.ts';
import { FIXTURES } from './cli-helpers.ts';

function readFixture(name: string, options: { published?: string } = {}): ImportDraft {
  const decoded = decodeInput(readFileSync(join(FIXTURES, 'html', name)), name);
  if (!('text' in decoded)) throw new Error(decoded.problem.message);
  expect(decoded.form).toBe('html');
  const read = readHtmlForm(decoded.text, options);
  expect(read.problems).toEqual([]);
  if (!read.draft) throw new Error('no draft');
  return read.draft;
}

describe('HTML page with JSON-LD', () => {
  const draft = readFixture('jsonld.html');

  it('takes title, authors, dates, publisher and canonical URL from the JSON-LD and link tags', () => {
    expect(draft.title).toBe('Serbia Weighs Air Defence Options as Washington Warns of Sanctions');
    expect(draft.authors).toEqual(['Milica Jovanović', 'Tom Baker']);
    // The calendar day of the original's own time zone, not shifted to UTC.
    expect(draft.published).toBe('2019-11-12');
    expect(draft.source).toEqual({
      name: 'The Balkan Monitor',
      url: 'https://balkanmonitor.example.com/2019/11/12/serbia-air-defence/',
      published: '2019-11-12',
    });
  });

  it('keeps headings, lists, quotes, emphasis and links, with relative links made absolute', () => {
    expect(draft.body).toContain('## What is on the table');
    expect(draft.body).toContain(
      '- the Russian S-400;\n- the Chinese FK-3;\n- a **European** system, not yet named.',
    );
    expect(draft.body).toContain('> We will decide what is best for the security of our citizens');
    expect(draft.body).toContain('Serbia is weighing *several* offers');
    expect(draft.body).toContain(
      '[defence ministry report](https://balkanmonitor.example.com/2019/11/10/defence-ministry-report/)',
    );
    expect(draft.body).toContain(
      '[CAATSA law](https://www.congress.gov/bill/115th-congress/house-bill/3364)',
    );
  });

  it('drops the headline, scripts, navigation, share widgets, ads and related links', () => {
    expect(draft.body.startsWith('Serbia is weighing')).toBe(true);
    for (const noise of [
      'Share on Facebook',
      'Tweet this',
      'ADVERTISEMENT',
      'Politics',
      'Related',
      'tracking',
      'dataLayer',
      '©',
    ]) {
      expect(draft.body).not.toContain(noise);
    }
  });

  it('uses --published as the archive date while keeping the original date in source', () => {
    const later = readFixture('jsonld.html', { published: '2019-12-01' });
    expect(later.published).toBe('2019-12-01');
    expect(later.source?.published).toBe('2019-11-12');
  });
});

describe('HTML page with meta tags only', () => {
  const draft = readFixture('meta-only.html');

  it('takes the facts from Open Graph and article meta tags', () => {
    expect(draft.title).toBe('Łódź Factory Strike Enters Second Week');
    expect(draft.authors).toEqual(['Krzysztof Wiśniewski', 'Anna Nowak']);
    expect(draft.published).toBe('2023-02-14');
    expect(draft.source).toEqual({
      name: 'Polish Daily',
      url: 'https://polishdaily.example.pl/news/lodz-strike',
      published: '2023-02-14',
    });
    expect(draft.image).toEqual({
      src: 'https://polishdaily.example.pl/img/strike.jpg',
      alt: 'Workers outside the factory gate in Łódź',
    });
    // Article sections are not taxonomy terms: an editor chooses regions and themes.
    expect(draft.regionNames).toEqual([]);
  });

  it('extracts the main text with Readability and drops cookie banners and share bars', () => {
    expect(draft.body).toContain('Workers at the textile factory in Łódź walked out');
    expect(draft.body).toContain('The management has offered **five percent**');
    expect(draft.body).toContain('*four-hour*');
    expect(draft.body).toContain('### A long tradition');
    expect(draft.body).toContain('1. Pay rise of fifteen percent\n2. Shorter shifts');
    expect(draft.body).not.toMatch(/cookies|Share:|Accept/);
  });
});

describe('HTML pages that say too little', () => {
  it('reports a page without author, date or text, with lines', () => {
    const html =
      '<!doctype html>\n<html>\n<head>\n<title>Only a title</title>\n</head>\n<body></body>\n</html>\n';
    const read = readHtmlForm(html);
    expect(read.draft).toBeUndefined();
    const fields = read.problems.map((p) => p.field);
    expect(fields).toEqual(expect.arrayContaining(['authors', 'published', 'source', 'body']));
    expect(read.problems.find((p) => p.field === 'authors')?.line).toBe(3);
    expect(read.problems.find((p) => p.field === 'published')?.message).toContain('--published');
  });

  it('turns javascript: links into plain text', () => {
    const paragraph =
      'A paragraph long enough for Readability to keep it as the main content of the page. '.repeat(4);
    const html = `<!doctype html><html><head><meta property="og:site_name" content="X"><meta name="author" content="A"><meta property="article:published_time" content="2020-01-02"><title>T</title></head><body><article><p>${paragraph}<a href="javascript:alert(1)">click</a></p></article></body></html>`;
    const read = readHtmlForm(html);
    expect(read.draft?.body).toContain('click');
    expect(read.draft?.body).not.toContain('javascript');
  });
});

/**
 * The small pieces of the importer: dates as people write them, name lists,
 * taxonomy mapping and appending, input decoding, and the text form's edge cases.
 */
import { describe, expect, it } from 'vitest';
import { decodeInput, looksLikeHtml } from '../../../src/lib/import/decode.ts';
import { parseHumanDate, splitTrailingDate } from '../../../src/lib/import/human-dates.ts';
import { foldName, splitNames, stripLinks } from '../../../src/lib/import/names.ts';
import { appendTerms, mapTermNames } from '../../../src/lib/import/terms.ts';
import { readTextForm } from '../../../src/lib/import/text-form.ts';
import { parseTaxonomy } from '../../../src/lib/taxonomy.ts';

describe('parseHumanDate', () => {
  it.each([
    ['November 18, 2019', '2019-11-18'],
    ['10 November 2019', '2019-11-10'],
    ['Nov. 4, 2019', '2019-11-04'],
    ['2nd November 2019', '2019-11-02'],
    ['18th of November 2019', '2019-11-18'],
    ['Sept 1 2020', '2020-09-01'],
    ['2019-11-10', '2019-11-10'],
    ['2019-11-10T23:30:00-05:00', '2019-11-10'],
  ])('reads %s', (text, expected) => {
    expect(parseHumanDate(text)).toBe(expected);
  });

  it.each(['February 30, 2019', 'Smarch 3, 2019', '2019-13-01', 'yesterday', ''])('rejects %s', (text) => {
    expect(parseHumanDate(text)).toBeUndefined();
  });

  it('splits a line ending with a date, telling the archive form (comma) from the source form', () => {
    expect(splitTrailingDate('Global Research, November 18, 2019')).toEqual({
      rest: 'Global Research',
      separator: ',',
      date: '2019-11-18',
    });
    expect(splitTrailingDate('[Zero Hedge](#) 10 November 2019')).toEqual({
      rest: '[Zero Hedge](#)',
      separator: '',
      date: '2019-11-10',
    });
    expect(splitTrailingDate('No date here')).toBeUndefined();
  });
});

describe('names', () => {
  it('splits authors on commas and "and", or by their links', () => {
    expect(splitNames('A and B', { splitOnAnd: true })).toEqual(['A', 'B']);
    expect(splitNames('A, B and C', { splitOnAnd: true })).toEqual(['A', 'B', 'C']);
    expect(splitNames('A, B, and C', { splitOnAnd: true })).toEqual(['A', 'B', 'C']);
    expect(splitNames('[Centre for Research and Globalization](#)', { splitOnAnd: true })).toEqual([
      'Centre for Research and Globalization',
    ]);
    expect(splitNames('[A](#) and [B](#)', { splitOnAnd: true })).toEqual(['A', 'B']);
  });

  it('keeps "and" inside taxonomy names', () => {
    expect(splitNames('Europe, Russia and FSU, USA', { splitOnAnd: false })).toEqual([
      'Europe',
      'Russia and FSU',
      'USA',
    ]);
  });

  it('reduces links to their text and folds case and diacritics', () => {
    expect(stripLinks('Copyright © [Zero Hedge](#), 2019')).toBe('Copyright © Zero Hedge, 2019');
    expect(foldName('Vučić')).toBe(foldName('vucic'));
    expect(foldName('Military & WMD')).toBe(foldName('military and wmd'));
  });
});

describe('taxonomy mapping', () => {
  const terms = [
    { id: 'europe', name: 'Europe' },
    { id: 'russia-and-fsu', name: 'Russia and FSU' },
    { id: 'cote-divoire', name: "Côte d'Ivoire" },
  ];

  it('maps names case- and diacritic-insensitively, and by slug', () => {
    expect(mapTermNames(['EUROPE', 'russia and fsu', "cote d'ivoire", 'Russia & FSU'], terms)).toEqual({
      ids: ['europe', 'russia-and-fsu', 'cote-divoire'],
      unknown: [],
    });
  });

  it('lists unknown names with a generated id and the closest ids', () => {
    const { ids, unknown } = mapTermNames(['Eurpoe', 'Đakovo Region'], terms);
    expect(ids).toEqual([]);
    expect(unknown[0]).toMatchObject({ name: 'Eurpoe', id: 'eurpoe' });
    expect(unknown[0]?.closest[0]).toBe('europe');
    expect(unknown[1]?.id).toBe('dakovo-region');
  });

  it('appends terms after the existing text, quoting names YAML would misread', () => {
    const existing = '# Regions\n- id: europe\n  name: Europe # the continent\n';
    const text = appendTerms(existing, 'region', [
      { id: 'balkans', name: 'Balkans' },
      { id: 'yes', name: 'yes: maybe' },
    ]);
    expect(text.startsWith(existing)).toBe(true);
    const parsed = parseTaxonomy(text, 'regions.yaml');
    expect(parsed.problems).toEqual([]);
    expect(parsed.items.map((t) => t.name)).toEqual(['Europe', 'Balkans', 'yes: maybe']);
    expect(appendTerms(undefined, 'theme', [{ id: 'x', name: 'X' }])).toMatch(
      /^# .*\n- id: x\n {2}name: X\n$/,
    );
  });
});

describe('decodeInput', () => {
  it('accepts a BOM and CRLF, and tells HTML from text', () => {
    const decoded = decodeInput(new TextEncoder().encode('\uFEFFTitle\r\nBy A\r\n'), 'x.txt');
    expect(decoded).toEqual({ text: 'Title\nBy A\n', form: 'text' });
    expect(looksLikeHtml('<!DOCTYPE html><html></html>', '-')).toBe(true);
    expect(looksLikeHtml('<p>hi</p>', 'page.htm')).toBe(true);
    expect(looksLikeHtml('Title <b>bold</b>', 'a.txt')).toBe(false);
  });

  it('refuses invalid UTF-8 with the line of the bad byte', () => {
    const decoded = decodeInput(new Uint8Array([0x61, 0x0a, 0x62, 0x0a, 0xff, 0x63]), 'x.txt');
    expect(decoded).toMatchObject({ problem: { field: 'file', line: 3 } });
  });

  it('refuses whitespace-only input as empty', () => {
    expect(decodeInput(new TextEncoder().encode(' \n\n\t'), 'x.txt')).toMatchObject({
      problem: { line: 1, message: expect.stringContaining('empty') },
    });
  });
});

describe('readTextForm edge cases', () => {
  it('reads a header without blank lines and an "Articles by" line when there is no By line', () => {
    const read = readTextForm(
      'A Title\nGlobal Research, May 1, 2020\nRegion: Europe\nBody text here.\n\nArticles by: [A](#) and [B](#)\n',
    );
    expect(read.problems).toEqual([]);
    expect(read.draft).toMatchObject({
      title: 'A Title',
      authors: ['A', 'B'],
      published: '2020-05-01',
      regionNames: ['Europe'],
      body: 'Body text here.',
    });
    expect(read.draft?.source).toBeUndefined();
  });

  it('takes a lone source-form date line as the original source and asks for the archive line', () => {
    const read = readTextForm('A Title\n\nBy A\n\nZero Hedge 10 November 2019\n\nBody.\n');
    expect(read.draft).toBeUndefined();
    expect(read.problems).toEqual([
      {
        field: 'published',
        line: 3,
        message: expect.stringContaining(
          'line 5 ("Zero Hedge 10 November 2019") reads as the original-source line',
        ),
      },
    ]);
  });

  it('does not read a body sentence starting with "By" as a byline once the byline is known', () => {
    const read = readTextForm(
      'T\n\nBy A\n\nX, June 1, 2021\n\nBy the end of the week, nothing had changed.\n',
    );
    expect(read.draft?.authors).toEqual(['A']);
    expect(read.draft?.body).toBe('By the end of the week, nothing had changed.');
    expect(read.draft?.bodyStartLine).toBe(7);
  });

  it('reports a file with a header but no text', () => {
    const read = readTextForm('T\nBy A\nX, June 1, 2021\n\n*\nDisclaimer: none\n');
    expect(read.problems.map((p) => p.field)).toEqual(['body']);
  });
});

import { describe, expect, it } from 'vitest';
import { authorKind } from '../../../src/lib/author-kind.ts';
import {
  apaAuthorName,
  apaCitation,
  bibtexCitation,
  bibtexKey,
  escapeBibtex,
} from '../../../src/lib/citation.ts';
import { domainOf, normaliseUrl, urlShape } from '../../../src/lib/urls.ts';
import { waybackUrl } from '../../../src/lib/wayback.ts';

const SEED_TITLE =
  'US Threatens Sanctions on Serbia, Scrambles to Thwart Possible Russian S-400 Missile Defense Purchase';
const SEED_PAGE =
  'https://archive.example.org/articles/us-threatens-sanctions-on-serbia-scrambles-to-thwart-possible-russian-s-400/';
const seed = {
  data: {
    title: SEED_TITLE,
    authors: ['Zero Hedge'],
    published: '2019-11-18',
    source: { name: 'Zero Hedge', published: '2019-11-10' },
  },
  pageUrl: SEED_PAGE,
  siteName: 'News Archive',
};

describe('Wayback URLs', () => {
  it('put the date as YYYYMMDD before the URL, verbatim', () => {
    expect(waybackUrl('https://www.zerohedge.com/geopolitical/x?a=1&b=2', '2019-11-10')).toBe(
      'https://web.archive.org/web/20191110/https://www.zerohedge.com/geopolitical/x?a=1&b=2',
    );
    expect(waybackUrl(' https://tass.com/ ', '2001-01-09')).toBe(
      'https://web.archive.org/web/20010109/https://tass.com/',
    );
  });

  it('refuse a date that is not a calendar day', () => {
    expect(() => waybackUrl('https://x.org/', '2019-02-30')).toThrow(/2019-02-30/);
  });
});

describe('URL helpers', () => {
  it('show domains without www and in lower case', () => {
    expect(domainOf('https://WWW.Reuters.com/a')).toBe('reuters.com');
    expect(domainOf('https://news.bbc.co.uk/x')).toBe('news.bbc.co.uk');
    expect(domainOf('not a url')).toBeUndefined();
  });

  it('treat the same page with another fragment, www or trailing slash as one citation', () => {
    expect(normaliseUrl('https://www.Reuters.com/a/#top')).toBe(normaliseUrl('http://reuters.com/a'));
    expect(normaliseUrl('https://reuters.com/a?x=1')).not.toBe(normaliseUrl('https://reuters.com/a?x=2'));
  });

  it('classify link targets for the content check', () => {
    expect(urlShape('https://tass.com/world/1')).toBe('ok');
    expect(urlShape('/articles/x/')).toBe('ok');
    expect(urlShape('mailto:press@example.org')).toBe('ok');
    expect(urlShape('http://tass.com/')).toBe('insecure');
    for (const bad of [
      'https:/tass.com',
      'https://',
      'htps://tass.com',
      'www.tass.com/x',
      'https://tass',
      'http://exa mple.com',
    ]) {
      expect(urlShape(bad), bad).toBe('malformed');
    }
  });
});

describe('author kinds', () => {
  it('tells organisations from people', () => {
    for (const org of [
      'Zero Hedge',
      'TASS',
      'Reuters',
      'Global Research News',
      'The Washington Post',
      'Antiwar.com',
      'BBC',
    ]) {
      expect(authorKind(org), org).toBe('Organization');
    }
    for (const person of ['Tyler Durden', 'Aleksandar Vučić', 'Michel Chossudovsky']) {
      expect(authorKind(person), person).toBe('Person');
    }
    expect(authorKind('Strategic Culture', ['Strategic Culture'])).toBe('Organization');
  });
});

describe('APA', () => {
  it('cites the seed crediting the original source, its date and the archive page', () => {
    expect(apaCitation(seed)).toBe(
      `Zero Hedge. (2019, November 10). ${SEED_TITLE}. Republished by News Archive (2019, November 18). ${SEED_PAGE}`,
    );
  });

  it('names the publication and the original URL when the author is someone else', () => {
    const citation = apaCitation({
      ...seed,
      data: {
        ...seed.data,
        authors: ['Tyler Durden', 'Jean-Luc Picard'],
        source: { name: 'Zero Hedge', published: '2019-11-10', url: 'https://www.zerohedge.com/a' },
      },
    });
    expect(citation).toBe(
      `Durden, T., & Picard, J.-L. (2019, November 10). ${SEED_TITLE}. Zero Hedge. https://www.zerohedge.com/a Republished by News Archive (2019, November 18). ${SEED_PAGE}`,
    );
  });

  it('cites an article first published here under the archive', () => {
    const { source: _source, ...data } = seed.data;
    expect(apaCitation({ ...seed, data: { ...data, authors: ['Ana Vučić'] } })).toBe(
      `Vučić, A. (2019, November 18). ${SEED_TITLE}. News Archive. ${SEED_PAGE}`,
    );
  });

  it('inverts people’s names only', () => {
    expect(apaAuthorName('Tyler Durden')).toBe('Durden, T.');
    expect(apaAuthorName('Zero Hedge')).toBe('Zero Hedge');
    expect(apaAuthorName('Plato')).toBe('Plato');
  });
});

describe('BibTeX', () => {
  it('cites the seed with the original date and publication, the archive page and the republication', () => {
    expect(bibtexCitation(seed)).toBe(
      [
        '@misc{zerohedge2019us,',
        '  author = {{Zero Hedge}},',
        `  title = {{${SEED_TITLE}}},`,
        '  howpublished = {Zero Hedge},',
        '  year = {2019},',
        '  month = nov,',
        `  url = {${SEED_PAGE}},`,
        '  note = {Originally published by Zero Hedge on November 10, 2019. Republished by News Archive on November 18, 2019},',
        '}',
      ].join('\n'),
    );
  });

  it('escapes LaTeX specials and keeps people as Last, First', () => {
    const entry = bibtexCitation({
      ...seed,
      data: {
        ...seed.data,
        title: '100% of {S-400} & $5_000 #1 ~ ^ \\',
        authors: ['Tyler Durden', 'TASS'],
        source: { name: 'Zero Hedge', url: 'https://x.org/a_b%20c' },
      },
    });
    expect(entry).toContain('author = {Durden, Tyler and {TASS}},');
    expect(entry).toContain(
      'title = {{100\\% of \\{S-400\\} \\& \\$5\\_000 \\#1 \\~{} \\^{} \\textbackslash{}}},',
    );
    expect(entry).toContain(
      'note = {Originally published by Zero Hedge: https://x.org/a\\_b\\%20c. Republished by',
    );
    expect(escapeBibtex('a{b}')).toBe('a\\{b\\}');
  });

  it('makes keys from the first author, the year and the first real title word', () => {
    expect(
      bibtexKey({ ...seed, data: { ...seed.data, title: 'The Vučić Gambit', authors: ['Ana Đoković'] } }),
    ).toBe('dokovic2019vucic');
  });
});

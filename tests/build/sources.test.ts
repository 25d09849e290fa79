import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixtureDist, page, text } from './fixture.ts';

const SEED = '/articles/us-threatens-sanctions-on-serbia-scrambles-to-thwart-possible-russian-s-400/';
let dist: string;
beforeAll(() => {
  dist = fixtureDist();
});

function jsonLd(url: string): Record<string, unknown> {
  const script = page(dist, url).querySelector('script[type="application/ld+json"]');
  return JSON.parse(script?.textContent ?? 'null') as Record<string, unknown>;
}

describe('sources on article pages', () => {
  it('leaves no placeholder link anywhere on the seed page', () => {
    const html = readFileSync(join(dist, SEED, 'index.html'), 'utf8');
    expect(html).not.toMatch(/href=["']#["']/);
    expect(html).not.toMatch(/href=["']["']/);
    const body = page(dist, SEED).querySelector('.article-body');
    expect(body?.querySelectorAll('a')).toHaveLength(0);
    expect(text(body)).toContain('according to TASS.');
    expect(text(body)).toContain('Per the Reuters report:');
  });

  it('lists the original publication with its homepage and an archived copy dated at the original', () => {
    const sources = page(dist, SEED).querySelector('.sources');
    const hrefs = sources?.querySelectorAll('a').map((a) => a.getAttribute('href'));
    expect(hrefs).toContain('https://www.zerohedge.com/');
    expect(hrefs).toContain('https://web.archive.org/web/20191110/https://www.zerohedge.com/');
  });

  it('lists each distinct cited link once, in order, with archived copies at the archive date', () => {
    const doc = page(dist, '/articles/oresund-bridge/');
    const links = doc.querySelectorAll('.sources a').map((a) => a.getAttribute('href'));
    const cited = 'http://www.thelocal.dk/20210630/oresund-bridge/';
    // The original (source.url) and the one citation in the body are the same URL here.
    expect(links.filter((l) => l === cited).length).toBeGreaterThanOrEqual(1);
    expect(links).toContain(`https://web.archive.org/web/20210701/${cited}`);
    const external = doc.querySelector(`.article-body a[href="${cited}"]`);
    expect(external?.getAttribute('rel')).toBe('noopener noreferrer');
  });

  it('leaves internal links untouched', () => {
    const doc = page(dist, SEED);
    expect(doc.querySelector('.byline a')?.getAttribute('rel')).toBe('author');
  });

  it('describes the seed with NewsArticle JSON-LD', () => {
    const data = jsonLd(SEED);
    expect(data['@type']).toBe('NewsArticle');
    expect(data.headline).toBe(
      'US Threatens Sanctions on Serbia, Scrambles to Thwart Possible Russian S-400 Missile Defense Purchase',
    );
    expect(data.datePublished).toMatch(/^2019-11-18/);
    expect(JSON.stringify(data.author)).toContain('Zero Hedge');
    expect(JSON.stringify(data.sourceOrganization)).toContain('Zero Hedge');
    expect(data.copyrightYear).toBe(2019);
    expect(JSON.stringify(data.copyrightHolder)).toContain('Zero Hedge');
    expect(JSON.stringify(data.publisher)).toContain('News Archive');
    expect(data.inLanguage).toBe('en');
    expect(JSON.stringify(data.mainEntityOfPage)).toContain(SEED);
  });

  it('gives isBasedOn and citations when the source URL and cited links are known', () => {
    const data = jsonLd('/articles/vucic-meets-eu-envoys-in-belgrade/');
    expect(data.isBasedOn).toBe('https://balkaninsight.com/2020/03/01/vucic-meets-eu-envoys/');
    expect(data.citation).toEqual(['https://www.euractiv.com/section/enlargement/news/serbia-talks/']);
  });

  it('keeps the canonical URL on the archive page itself', () => {
    const canonical = page(dist, SEED).querySelector('link[rel=canonical]')?.getAttribute('href');
    expect(new URL(canonical ?? '').pathname).toBe(SEED);
  });

  it('offers the citation in APA and BibTeX as selectable text', () => {
    const cite = page(dist, SEED).querySelector('.cite');
    expect(text(cite)).toMatch(/Zero Hedge\. \(2019/);
    expect(text(cite)).toMatch(/@\w+\{/);
  });
});

import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import {
  articleImageText,
  articleSocialImage,
  generatedImagePath,
} from '../../../src/lib/article-social-image.ts';
import { cachedSocialImage } from '../../../src/lib/social-image-cache.ts';
import { fitTitle, renderSocialImage, socialImageHash } from '../../../src/lib/social-image.ts';
import { SITE } from './archive-helpers.ts';

const cacheDir = mkdtempSync(join(tmpdir(), 'og-cache-'));
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

const text = {
  siteName: 'News Archive',
  title: 'US Threatens Sanctions on Serbia',
  subtitle: 'Zero Hedge · November 18, 2019',
};

describe('social image text and choice', () => {
  const seed = {
    slug: 'seed',
    data: { title: 'T', published: '2019-11-18', source: { name: 'Zero Hedge' } },
  };
  const options = { default: '/social-default.png', perArticle: false };

  it('uses the article image first, then the generated one when on, then the site default', () => {
    const withImage = {
      ...seed,
      data: { ...seed.data, image: { src: 'putin.jpg', alt: 'Putin and Vučić' } },
    };
    expect(articleSocialImage(withImage as never, { ...options, perArticle: true })).toEqual({
      src: '/articles/seed/putin.jpg',
      alt: 'Putin and Vučić',
      generated: false,
    });
    expect(articleSocialImage(seed as never, { ...options, perArticle: true })).toEqual({
      src: generatedImagePath('seed'),
      alt: 'T',
      generated: true,
    });
    expect(articleSocialImage(seed as never, options)).toEqual({
      src: '/social-default.png',
      generated: false,
    });
  });

  it('writes the source and the date under the title', () => {
    expect(articleImageText(seed as never, SITE)).toEqual({
      siteName: 'News Archive',
      title: 'T',
      subtitle: 'Zero Hedge · November 18, 2019',
    });
    const here = { data: { title: 'T', published: '2020-01-02' } };
    expect(articleImageText(here as never, SITE).subtitle).toBe('News Archive · January 2, 2020');
  });

  it('shortens very long titles at a word', () => {
    const long = 'word '.repeat(60);
    const fitted = fitTitle(long);
    expect(fitted.length).toBeLessThanOrEqual(111);
    expect(fitted).toMatch(/word…$/);
    expect(fitTitle('Short title')).toBe('Short title');
  });
});

describe('cache by content hash', () => {
  it('hashes the text: same text, same key; any change, new key', () => {
    expect(socialImageHash(text)).toBe(socialImageHash({ ...text }));
    expect(socialImageHash({ ...text, title: `${text.title}!` })).not.toBe(socialImageHash(text));
    expect(socialImageHash({ ...text, subtitle: 'Other · 2019' })).not.toBe(socialImageHash(text));
  });

  it('renders an unchanged article once', async () => {
    let renders = 0;
    const render = async () => {
      renders += 1;
      return Buffer.from(`png ${renders}`);
    };
    const first = await cachedSocialImage(text, cacheDir, render);
    const second = await cachedSocialImage(text, cacheDir, render);
    expect(first).toEqual({ png: Buffer.from('png 1'), cached: false });
    expect(second).toEqual({ png: Buffer.from('png 1'), cached: true });
    await cachedSocialImage({ ...text, title: 'Changed' }, cacheDir, render);
    expect(renders).toBe(2);
    expect(readdirSync(cacheDir).filter((f) => f.endsWith('.png'))).toHaveLength(2);
  });
});

describe('renderSocialImage', () => {
  it('draws a 1200×630 PNG, identical for identical text', async () => {
    const png = await renderSocialImage({ ...text, title: 'Aleksandar Vučić and the S-400' });
    const meta = await sharp(png).metadata();
    expect(meta).toMatchObject({ format: 'png', width: 1200, height: 630 });
    const again = await renderSocialImage({ ...text, title: 'Aleksandar Vučić and the S-400' });
    expect(again.equals(png)).toBe(true);
  });
});

/**
 * Draws the site's own images into public/:
 *  - social-default.png, the site-wide preview image (1200×630) from the site's name;
 *  - icon-192.png, icon-512.png and apple-touch-icon.png from favicon.svg, for
 *    the web-app manifest and home-screen shortcuts.
 * Run it again after renaming the site or changing the favicon:
 *   node_modules/.bin/node scripts/social-default-image.ts
 */
import { readFile, writeFile } from 'node:fs/promises';
import sharp from 'sharp';
import { renderSocialImage } from '../src/lib/social-image.ts';
import { siteConfig } from '../src/site.config.ts';

const publicDir = new URL('../public/', import.meta.url);

async function write(name: string, png: Buffer): Promise<void> {
  const out = new URL(name, publicDir);
  await writeFile(out, png);
  console.log(`wrote ${out.pathname} (${png.length} bytes)`);
}

await write(
  'social-default.png',
  await renderSocialImage({
    siteName: siteConfig.name,
    title: siteConfig.name,
    subtitle: 'Republished news, each article with its original source',
  }),
);

const favicon = await readFile(new URL('favicon.svg', publicDir));
for (const [name, size] of [
  ['icon-192.png', 192],
  ['icon-512.png', 512],
  ['apple-touch-icon.png', 180],
] as const) {
  await write(
    name,
    await sharp(favicon, { density: (72 * size) / 32 })
      .resize(size, size)
      .png()
      .toBuffer(),
  );
}

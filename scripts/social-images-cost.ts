/**
 * Measures what per-article social images cost: draws N images with distinct
 * titles into an empty cache (what a first build pays), then asks for them
 * again (what a rebuild of unchanged articles pays), one at a time as Astro
 * renders pages.
 *   node_modules/.bin/node scripts/social-images-cost.ts [--count 1000]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { cachedSocialImage } from '../src/lib/social-image-cache.ts';

const countArg = process.argv.indexOf('--count');
const count = countArg >= 0 ? Number(process.argv[countArg + 1]) : 1000;
const words = [
  'Sanctions',
  'Serbia',
  'pipeline',
  'Vučić',
  'missile',
  'defense',
  'summit',
  'census',
  'harbour',
  'election',
];
const text = (i: number) => ({
  siteName: 'News Archive',
  title: `Report ${i}: ${Array.from({ length: 6 + (i % 10) }, (_, w) => words[(i * 7 + w * 3) % words.length]).join(' ')}`,
  subtitle: `Zero Hedge · November ${1 + (i % 28)}, 2019`,
});

const cache = await mkdtemp(join(tmpdir(), 'og-cost-'));
try {
  await cachedSocialImage(text(-1), cache); // fonts and WebAssembly load once per build: not per article
  let bytes = 0;
  const cold = performance.now();
  for (let i = 0; i < count; i++) bytes += (await cachedSocialImage(text(i), cache)).png.length;
  const coldMs = performance.now() - cold;
  const warm = performance.now();
  for (let i = 0; i < count; i++) await cachedSocialImage(text(i), cache);
  const warmMs = performance.now() - warm;
  const per1000 = (ms: number) => ((ms / count) * 1000) / 1000;
  console.log(
    `${count} images on ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GB, load ${loadavg()[0]?.toFixed(1)}:`,
  );
  console.log(
    `  first build:  ${(coldMs / count).toFixed(1)} ms/image = ${per1000(coldMs).toFixed(1)} s per 1,000 articles`,
  );
  console.log(
    `  cached:       ${(warmMs / count).toFixed(2)} ms/image = ${per1000(warmMs).toFixed(2)} s per 1,000 articles`,
  );
  console.log(
    `  output:       ${(bytes / count / 1024).toFixed(1)} KiB/image = ${(((bytes / count) * 1000) / 2 ** 20).toFixed(1)} MiB per 1,000 articles`,
  );
} finally {
  await rm(cache, { recursive: true, force: true });
}

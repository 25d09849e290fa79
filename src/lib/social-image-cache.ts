/**
 * A folder cache for rendered social images, keyed by content hash: an
 * article whose title, source and date are unchanged is never re-rendered.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { renderSocialImage, socialImageHash, type SocialImageText } from './social-image.ts';

export const DEFAULT_SOCIAL_IMAGE_CACHE = resolve('.cache/og');

export interface CachedImage {
  png: Buffer;
  /** True when the image came from the cache rather than being drawn. */
  cached: boolean;
}

export async function cachedSocialImage(
  text: SocialImageText,
  cacheDir = DEFAULT_SOCIAL_IMAGE_CACHE,
  render: (text: SocialImageText) => Promise<Buffer> = renderSocialImage,
): Promise<CachedImage> {
  const file = join(cacheDir, `${socialImageHash(text)}.png`);
  try {
    return { png: await readFile(file), cached: true };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const png = await render(text);
  await mkdir(cacheDir, { recursive: true });
  // Write then rename, so a build stopped midway never leaves a truncated image in the cache.
  const partial = `${file}.${process.pid}.partial`;
  await writeFile(partial, png);
  await rename(partial, file);
  return { png, cached: false };
}

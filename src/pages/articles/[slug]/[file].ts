/**
 * Images stored beside an article file (`image.src: photo.jpg`) are published
 * beside its page (`/articles/<slug>/photo.jpg`). The loader has checked that
 * each exists inside the content folder.
 */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { APIRoute, GetStaticPaths } from 'astro';
import { getArchive } from '../../../lib/archive.ts';
import { contentRoot } from '../../../lib/content-root.ts';

export const getStaticPaths = (async () => {
  const archive = await getArchive();
  return archive.articles.flatMap((article) => {
    const src = article.data.image?.src;
    if (!src || src.startsWith('https://')) return [];
    return [
      {
        params: { slug: article.slug, file: src.split('/').at(-1) },
        props: { path: resolve(contentRoot(), dirname(article.contentPath), src) },
      },
    ];
  });
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ props }) => {
  return new Response(await readFile((props as { path: string }).path));
};

/**
 * Content collections. Articles come from our validating loader (see
 * `src/loaders/articles.ts`); the taxonomies and the publication registry are
 * small YAML lists read by a loader of their own so their errors carry lines.
 */
import { defineCollection } from 'astro:content';
import type { Loader } from 'astro/loaders';
import { articlesLoader } from './loaders/articles.ts';
import { ContentValidationError } from './lib/content-errors.ts';
import { contentRoot, loadRegistries, type Registries } from './lib/content-root.ts';
import { publicationSchema, taxonomyTermSchema } from './lib/schema.ts';

const root = contentRoot();

/**
 * Loads one of the YAML registries; problems of all three are reported by the first.
 * Unchanged entries are left as they are (set with a digest, in the same order): any
 * change to Astro's content store has it written out again whole, which takes
 * seconds on a large archive, and a rebuild after one edit should write it once.
 */
function registryLoader(
  name: string,
  pick: (r: Registries) => { id: string; data: Record<string, unknown> }[],
  schema: typeof taxonomyTermSchema | typeof publicationSchema,
): Loader {
  return {
    name: `archive-${name}`,
    schema,
    async load({ store, generateDigest }) {
      const registries = await loadRegistries(root);
      if (registries.problems.length > 0) throw new ContentValidationError(registries.problems);
      const entries = pick(registries);
      const stored = store.keys();
      // The registry's order is the order of its entries in the store: a new order starts over.
      if (stored.length !== entries.length || entries.some(({ id }, i) => stored[i] !== id)) store.clear();
      for (const { id, data } of entries) store.set({ id, data, digest: generateDigest(data) });
    },
  };
}

const articles = defineCollection({ loader: articlesLoader({ contentDir: root }) });

const regions = defineCollection({
  loader: registryLoader('regions', (r) => r.regions.map((t) => ({ id: t.id, data: t })), taxonomyTermSchema),
});

const themes = defineCollection({
  loader: registryLoader('themes', (r) => r.themes.map((t) => ({ id: t.id, data: t })), taxonomyTermSchema),
});

const publications = defineCollection({
  loader: registryLoader(
    'publications',
    (r) => r.publications.map((p) => ({ id: p.name, data: p })),
    publicationSchema,
  ),
});

export const collections = { articles, regions, themes, publications };

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

/** Loads one of the YAML registries; problems of all three are reported by the first. */
function registryLoader(
  name: string,
  pick: (r: Registries) => { id: string; data: Record<string, unknown> }[],
  schema: typeof taxonomyTermSchema | typeof publicationSchema,
): Loader {
  return {
    name: `archive-${name}`,
    schema,
    async load({ store }) {
      const registries = await loadRegistries(root);
      if (registries.problems.length > 0) throw new ContentValidationError(registries.problems);
      store.clear();
      for (const { id, data } of pick(registries)) store.set({ id, data });
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

/**
 * The content contract (`CONTENT-FORMAT.md`) as zod schemas. The build, the
 * importer and the content check all validate with these, so a file accepted
 * by one is accepted by all.
 *
 * `z` comes from `astro/zod`, a plain re-export of zod 4, so this module
 * stays importable without Astro running (tests, CLIs).
 */
import { z } from 'astro/zod';
import { isRealIsoDate, MIN_YEAR, yearOf } from './dates.ts';
import { SLUG_PATTERN } from './slug.ts';

/** Latest year accepted in a date: next year, to allow embargoed articles but catch typos. */
export function maxAcceptedYear(): number {
  return new Date().getUTCFullYear() + 1;
}

/** A calendar day written `YYYY-MM-DD`. */
export const isoDateSchema = z
  .string({ error: 'must be a date written YYYY-MM-DD' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date written YYYY-MM-DD', abort: true })
  .refine(isRealIsoDate, { error: 'is not a real calendar date', abort: true })
  .refine((d) => yearOf(d) >= MIN_YEAR && yearOf(d) <= maxAcceptedYear(), {
    error: () => `year must be between ${MIN_YEAR} and ${maxAcceptedYear()}`,
  });

const nonEmptyString = z.string({ error: 'must be text' }).trim().min(1, { error: 'must not be empty' });

/** An absolute http or https URL. */
export const httpUrlSchema = z
  .string({ error: 'must be a URL' })
  .trim()
  .refine(
    (value) => {
      try {
        const url = new URL(value);
        return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
      } catch {
        return false;
      }
    },
    { error: 'must be an absolute http:// or https:// URL' },
  );

/** A taxonomy id: lowercase ASCII words joined by hyphens. */
export const taxonomyIdSchema = z
  .string({ error: 'must be an id' })
  .regex(SLUG_PATTERN, { error: 'must be lowercase ASCII letters, digits and single hyphens' });

const languageSchema = z
  .string({ error: 'must be a BCP 47 language tag' })
  .trim()
  .refine(
    (tag) => {
      try {
        return Intl.getCanonicalLocales(tag).length === 1;
      } catch {
        return false;
      }
    },
    { error: 'must be a BCP 47 language tag such as "en" or "pt-BR"' },
  );

/** Where the article was first published; omitted when it was first published here. */
export const sourceSchema = z.strictObject({
  /** The original publication, exactly as named in `sources.yaml` when listed there. */
  name: nonEmptyString,
  /** The original article. */
  url: httpUrlSchema.optional(),
  /** The day it appeared at the original publication; not after `published`. */
  published: isoDateSchema.optional(),
  /** The byline used at the original publication. */
  byline: nonEmptyString.optional(),
});

/** A featured image: a path relative to the article file or an https URL. */
export const imageSchema = z
  .strictObject({
    src: z
      .string({ error: 'must be a path or URL' })
      .trim()
      .min(1, { error: 'must not be empty' })
      .refine(
        (src) =>
          src.startsWith('https://') ||
          (!/^[a-z][a-z0-9+.-]*:/i.test(src) && !src.startsWith('/') && !src.startsWith('//')),
        { error: 'must be a path relative to the article file or an https:// URL' },
      )
      .optional(),
    /** Text alternative; required when `src` is set. */
    alt: z.string({ error: 'must be text' }).trim().optional(),
    caption: nonEmptyString.optional(),
    credit: nonEmptyString.optional(),
  })
  .superRefine((image, ctx) => {
    if (image.src !== undefined && !image.alt) {
      ctx.addIssue({ code: 'custom', path: ['alt'], message: 'is required when image.src is set' });
    }
  });

export const copyrightSchema = z.strictObject({
  holder: nonEmptyString,
  year: z
    .number({ error: 'must be a whole number' })
    .int({ error: 'must be a whole number' })
    .min(MIN_YEAR, { error: `must be ${MIN_YEAR} or later` }),
});

/** The frontmatter of one article file, exactly as the contract's table says. */
export const articleFrontmatterSchema = z
  .strictObject({
    /** Headline, 1–300 characters after trimming. */
    title: nonEmptyString.max(300, { error: 'must be at most 300 characters' }),
    subtitle: nonEmptyString.optional(),
    /** People or organisations, as credited. */
    authors: z
      .array(nonEmptyString, { error: 'must be a list of names' })
      .min(1, { error: 'must name at least one author' }),
    /** The day the article appeared in this archive. */
    published: isoDateSchema,
    /** Last change in this archive; not before `published`. */
    updated: isoDateSchema.optional(),
    source: sourceSchema.optional(),
    regions: z.array(taxonomyIdSchema, { error: 'must be a list of region ids' }).default([]),
    themes: z.array(taxonomyIdSchema, { error: 'must be a list of theme ids' }).default([]),
    image: imageSchema.optional(),
    copyright: copyrightSchema.optional(),
    /** Listing, feed and meta description text; defaults to the start of the first paragraph. */
    summary: nonEmptyString.optional(),
    language: languageSchema.optional(),
    /** Drafts are left out of production builds, feeds, sitemap and search. */
    draft: z.boolean({ error: 'must be true or false' }).default(false),
  })
  .superRefine((fm, ctx) => {
    if (fm.updated && fm.updated < fm.published) {
      ctx.addIssue({
        code: 'custom',
        path: ['updated'],
        message: `${fm.updated} is before published (${fm.published})`,
      });
    }
    if (fm.source?.published && fm.source.published > fm.published) {
      ctx.addIssue({
        code: 'custom',
        path: ['source', 'published'],
        message: `${fm.source.published} is after published (${fm.published})`,
      });
    }
  });

export type ArticleFrontmatter = z.output<typeof articleFrontmatterSchema>;
export type ArticleFrontmatterInput = z.input<typeof articleFrontmatterSchema>;

/** Every field name the contract allows at the top level, for "did you mean" hints. */
export const FRONTMATTER_FIELDS = Object.keys(articleFrontmatterSchema.shape);

/** Values the loader derives from the body; kept apart from what editors write. */
export const derivedSchema = z.object({
  /** `summary` or, failing that, the start of the first paragraph. */
  summary: z.string(),
  wordCount: z.number().int(),
  /** File path relative to the content root, for error messages and rendering. */
  contentPath: z.string(),
  /** Key of the rendered body in the render cache (`src/lib/render-cache.ts`). */
  renderKey: z.string(),
});
export type ArticleDerived = z.output<typeof derivedSchema>;

/** What the content store holds per article: the frontmatter plus derived values, no body. */
export const storedArticleSchema = articleFrontmatterSchema.and(z.object({ derived: derivedSchema }));
export type StoredArticle = z.output<typeof storedArticleSchema>;

/** One entry of `regions.yaml` or `themes.yaml`. */
export const taxonomyTermSchema = z.strictObject({
  id: taxonomyIdSchema,
  name: nonEmptyString,
  description: nonEmptyString.optional(),
});
export type TaxonomyTerm = z.output<typeof taxonomyTermSchema>;

/** One entry of `sources.yaml`. */
export const publicationSchema = z.strictObject({
  name: nonEmptyString,
  homepage: httpUrlSchema.optional(),
  description: nonEmptyString.optional(),
});
export type Publication = z.output<typeof publicationSchema>;

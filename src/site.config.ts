/**
 * The one typed configuration of the archive. Components and pages read every
 * name, URL, notice text and page size from here, so rewording a notice or
 * moving the site is a one-file change.
 */
export interface SiteConfig {
  /** Name of the archive, shown in the header, titles, feeds and copyright fallbacks. */
  name: string;
  /** Short description for the home page meta description and feeds. */
  description: string;
  /** Absolute URL the site is deployed at (no trailing slash); used for canonical URLs, feeds and sitemap. */
  url: string;
  /** Default BCP 47 language of articles and pages; an article's `language` overrides it. */
  language: string;
  /** Locale used to format dates for readers. */
  dateLocale: string;
  /** Articles per page on the home page and every browse listing. */
  pageSize: number;
  /** Articles in the main feed and in every per-term feed. */
  feedSize: number;
  /** Results per "load more" step on the search page. */
  searchPageSize: number;
  /** Related articles shown under each article. */
  relatedCount: number;
  /** The search index (Pagefind), built by src/integrations/search-index.ts. */
  search: {
    /**
     * Most articles in one shard of the index, on an archive of up to
     * `shardSize × maxShards` articles. The index is split by period
     * into shards, each built by a Pagefind process of its own, so the
     * build's memory is bounded by the shard size and `indexingProcesses`
     * (Pagefind needs about 0.7 GB per 1,000 pages of 1,500 words while
     * indexing, so 2,500 keeps a 10,000-article build under 4 GB; shards of
     * 5,000 took it to 4.7 GB). Smaller shards also let a date-sorted search
     * read less and a rebuild after one edit index less (5,000: 38% of a cold
     * build at 10,000 articles, against 28–29%), but every shard adds its own
     * files and work to a relevance search. The environment variable
     * `ARCHIVE_SEARCH_SHARD_SIZE` overrides it (tests build the fixture
     * corpus with 5 so that search runs over several shards).
     */
    shardSize: number;
    /**
     * Shards an archive may have before its shards grow: a larger archive
     * gets shards of twice `shardSize`, and so on up to `largestShardSize`
     * (src/lib/search-shards.ts, `shardSizeFor`), because each shard adds a
     * fixed cost to every relevance search. 20 shards of 2,500 = 50,000
     * articles; 100,000 articles then get 20 shards of 5,000 (p95 of the
     * benchmark's searches 2.15 s instead of 2.52 s, BENCHMARKS.md).
     * `ARCHIVE_SEARCH_MAX_SHARDS` overrides it.
     */
    maxShards: number;
    /**
     * The size shards never grow beyond, whatever the archive: it bounds the
     * memory of each Pagefind process (100,000 articles, two processes on
     * shards of 5,000: 6.3 GB for the whole build).
     * `ARCHIVE_SEARCH_LARGEST_SHARD_SIZE` overrides it.
     */
    largestShardSize: number;
    /**
     * Pagefind processes that index shards at the same time, on an archive
     * of at least `parallelFromShards` shards. One process beside Astro's
     * page rendering keeps both cores busy; on a large archive Pagefind
     * falls behind and, after the last page, indexes the remaining shards
     * alone while a core idles. With two it keeps up (100,000 articles:
     * pages and search in 24 min 26 s instead of 27 min 45 s). Each
     * process holds one shard (about 0.7 GB per 1,000 pages), so it is left
     * off on small archives whose memory budget is tight (10,000 articles:
     * 4 shards, under 4 GB with one process). Never more than the machine's
     * cores. `ARCHIVE_SEARCH_PROCESSES` overrides it.
     */
    indexingProcesses: number;
    /**
     * Shards an archive must have before more than one Pagefind process
     * indexes it (8 shards of 2,500 = 20,000 articles and more).
     * `ARCHIVE_SEARCH_PARALLEL_FROM_SHARDS` overrides it (tests set 1 so
     * that the fixture's shards are indexed in parallel).
     */
    parallelFromShards: number;
    /**
     * Precomputed answers for the archive's most common words
     * (src/lib/search-answers.ts): the search page answers such a word from
     * one small file (its first results, total and filter counts, computed
     * at build time by Pagefind itself) instead of reading every shard's
     * posting list (for "the", 1.3 MB at 10,000 articles and 12.3 MB at
     * 100,000). Each word costs build time in proportion to the articles
     * that contain it (measured: about 0.2 ms of CPU per article).
     */
    commonWords: {
      /** Most words answered in advance; 0 turns the feature off. `ARCHIVE_SEARCH_COMMON_WORDS` overrides it. */
      limit: number;
      /** A word qualifies when at least this share of the sampled articles contain it. */
      minShare: number;
      /** Articles sampled (from the oldest shard) to find the words. */
      sample: number;
      /**
       * Results each answer holds (at least `searchPageSize`): the first pages,
       * so "load more" reads the index only beyond them (for "the" at 100,000
       * articles that read is 12 MB). `ARCHIVE_SEARCH_ANSWER_RESULTS` overrides
       * it (tests set 12, so that the second page comes from the index).
       */
      results: number;
    };
  };
  /** Average reading speed, used to turn word counts into reading time. */
  wordsPerMinute: number;
  /** Preview images for links shared on social sites and in chat apps. */
  socialImages: {
    /** Root-relative path of the site-wide image (1200×630), used where a page has no image of its own. */
    default: string;
    /**
     * Draw one image per article (title, source, date) at build time, cached
     * by content hash under `.cache/og/`. Off by default: each new article
     * adds build time (measured in the feeds and metadata note). The
     * environment variable `ARCHIVE_SOCIAL_IMAGES=per-article` turns it on for one build.
     */
    perArticle: boolean;
  };
  /** Texts the site renders around every article instead of the article body carrying them. */
  notices: {
    /** Shown after every article body. */
    noteToReaders: string;
    /** Responsibility disclaimer shown on every article. */
    disclaimer: string;
    /** Fair-use notice shown on every article. */
    fairUse: string;
    /** Contact line for media enquiries, shown in the footer. */
    mediaContact: string;
  };
}

/** A positive integer from the environment, or undefined when unset; anything else is an error, not a silent default. */
function positiveInteger(name: string, value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got "${value}"`);
  return n;
}

/** Like {@link positiveInteger}, but 0 is allowed (to turn something off). */
function nonNegativeInteger(name: string, value: string | undefined): number | undefined {
  return value === '0' ? 0 : positiveInteger(name, value);
}

export const siteConfig: SiteConfig = {
  name: 'News Archive',
  description: 'An archive of republished news articles, each with its original source, dates and copyright.',
  url: process.env.ARCHIVE_SITE_URL ?? 'https://archive.example.org',
  language: 'en',
  dateLocale: 'en-US',
  pageSize: 20,
  feedSize: 50,
  searchPageSize: 10,
  relatedCount: 5,
  search: {
    shardSize: positiveInteger('ARCHIVE_SEARCH_SHARD_SIZE', process.env.ARCHIVE_SEARCH_SHARD_SIZE) ?? 2500,
    maxShards: positiveInteger('ARCHIVE_SEARCH_MAX_SHARDS', process.env.ARCHIVE_SEARCH_MAX_SHARDS) ?? 20,
    largestShardSize:
      positiveInteger('ARCHIVE_SEARCH_LARGEST_SHARD_SIZE', process.env.ARCHIVE_SEARCH_LARGEST_SHARD_SIZE) ??
      5000,
    indexingProcesses: positiveInteger('ARCHIVE_SEARCH_PROCESSES', process.env.ARCHIVE_SEARCH_PROCESSES) ?? 2,
    parallelFromShards:
      positiveInteger(
        'ARCHIVE_SEARCH_PARALLEL_FROM_SHARDS',
        process.env.ARCHIVE_SEARCH_PARALLEL_FROM_SHARDS,
      ) ?? 8,
    commonWords: {
      limit: nonNegativeInteger('ARCHIVE_SEARCH_COMMON_WORDS', process.env.ARCHIVE_SEARCH_COMMON_WORDS) ?? 6,
      minShare: 0.5,
      sample: 400,
      results:
        positiveInteger('ARCHIVE_SEARCH_ANSWER_RESULTS', process.env.ARCHIVE_SEARCH_ANSWER_RESULTS) ?? 50,
    },
  },
  wordsPerMinute: 230,
  socialImages: {
    default: '/social-default.png',
    perArticle: process.env.ARCHIVE_SOCIAL_IMAGES === 'per-article',
  },
  notices: {
    noteToReaders:
      'Note to readers: share this article with anyone it may interest. Every article here links to its original source, so readers can always check the original.',
    disclaimer:
      'Disclaimer: the contents of this article are the sole responsibility of its author(s). News Archive republishes it as it was published and is not responsible for any inaccurate or incorrect statement in it.',
    fairUse:
      'This site contains copyrighted material the use of which has not always been specifically authorized by the copyright owner. We make such material available, without profit, for research and educational purposes and to advance understanding of political, economic and social issues, under the provisions of "fair use". If you wish to use copyrighted material from this site for purposes beyond fair use, you must obtain permission from the copyright owner.',
    mediaContact: 'For media inquiries: press@archive.example.org',
  },
};

/**
 * A deterministic synthetic corpus written to the content contract
 * (`CONTENT-FORMAT.md`), for the scale benchmark.
 *
 * Text is drawn from a Zipf-distributed vocabulary (a few dozen real English
 * function words at the top, then tens of thousands of generated pseudo-words),
 * so the search index sees a realistic spread of very common and rare terms.
 * Each article has its own random stream derived from (seed, index): article
 * 42 is the same whatever the corpus size, and nothing reads the clock.
 *
 * Articles are produced one at a time by a generator, so the writer can stream
 * them to disk in constant memory (only the set of slugs is kept, to keep them
 * unique).
 */
import type { ArticleFrontmatterInput } from '../../src/lib/schema.ts';
import { serializeArticle } from '../../src/lib/serialize.ts';
import { articleSlug, toSlug } from '../../src/lib/slug.ts';
import { createRandom, mixSeed, type Random } from './random.ts';

export const DEFAULT_SEED = 20191118;

/** Size of the generated vocabulary (on top of the English function words). */
export const PSEUDO_WORD_COUNT = 48_000;

/** Zipf exponent: 1 is the classic value for natural-language word frequencies. */
const ZIPF_EXPONENT = 1.0;

/** Shortest and longest article body, in words. */
export const MIN_WORDS = 400;
export const MAX_WORDS = 2500;

/** Share of drafts. */
const DRAFT_RATE = 0.02;

/** First and last day an article may be published: ten years. */
const FIRST_DAY = Date.UTC(2016, 0, 1);
const LAST_DAY = Date.UTC(2025, 11, 31);
const DAY_MS = 86_400_000;

/** The most frequent words of English news text, in rank order: the head of the Zipf curve. */
// prettier-ignore
const FUNCTION_WORDS = [
  'the', 'of', 'and', 'to', 'a', 'in', 'that', 'is', 'for', 'on', 'was', 'with', 'he', 'it', 'as', 'said',
  'by', 'at', 'from', 'his', 'an', 'have', 'has', 'but', 'are', 'be', 'they', 'not', 'this', 'were', 'who',
  'had', 'will', 'their', 'which', 'been', 'its', 'would', 'more', 'after', 'also', 'she', 'or', 'one',
  'new', 'about', 'we', 'there', 'than', 'when', 'up', 'other', 'into', 'over', 'government', 'people',
  'year', 'two', 'could', 'state',
];

export const REGIONS = [
  ['africa', 'Africa'],
  ['asia', 'Asia'],
  ['canada', 'Canada'],
  ['europe', 'Europe'],
  ['latin-america-and-caribbean', 'Latin America and Caribbean'],
  ['middle-east-and-north-africa', 'Middle East and North Africa'],
  ['oceania', 'Oceania'],
  ['russia-and-fsu', 'Russia and FSU'],
  ['sub-saharan-africa', 'sub-Saharan Africa'],
  ['usa', 'USA'],
] as const;

export const THEMES = [
  ['environment', 'Environment'],
  ['global-economy', 'Global Economy'],
  ['history', 'History'],
  ['intelligence', 'Intelligence'],
  ['law-and-justice', 'Law and Justice'],
  ['media-disinformation', 'Media Disinformation'],
  ['military', 'Military'],
  ['military-and-wmd', 'Military and WMD'],
  ['science-and-medicine', 'Science and Medicine'],
  ['us-nato-war-agenda', 'US NATO War Agenda'],
] as const;

/** Publications: the first twelve are listed in sources.yaml, the rest are not. */
export const PUBLICATIONS = [
  ['Zero Hedge', 'www.zerohedge.com'],
  ['The Balkan Observer', 'balkanobserver.example.org'],
  ['Northern Ledger', 'northernledger.example.com'],
  ['Süddeutsche Rundschau', 'rundschau.example.de'],
  ['Dziennik Łódzki Wieczorny', 'wieczorny.example.pl'],
  ['Øresund Posten', 'oresundposten.example.dk'],
  ['Pacific Monitor', 'pacificmonitor.example.net'],
  ['Sahel Daily', 'saheldaily.example.org'],
  ['Andes Weekly', 'andesweekly.example.org'],
  ['Gulf Record', 'gulfrecord.example.com'],
  ['The Maple Review', 'maplereview.example.ca'],
  ['Steppe Chronicle', 'steppechronicle.example.org'],
  ['Independent Wire', 'independentwire.example.com'],
  ['Harbour Gazette', 'harbourgazette.example.org'],
  ['Città Nuova', 'cittanuova.example.it'],
  ['Straßenblatt', 'strassenblatt.example.de'],
] as const;
const LISTED_PUBLICATIONS = 12;

/** Authors: people with and without diacritics, and organisations credited as such. */
// prettier-ignore
export const AUTHORS = [
  'Zero Hedge', 'Aleksandar Vučić', 'Novak Đoković', 'Jelena Đorđević', 'Paweł Łukasiewicz',
  'Søren Østergaard', 'Jürgen Großmann', 'Zoë Brontë', 'Renée Côté', 'Dragan Ilić', 'Ana María Núñez',
  'Tomáš Dvořák', 'Mehmet Öztürk', 'Björn Ångström', 'Chloé Lefèvre', 'Siobhán Ó Ceallaigh',
  'Michel Chossudovsky', 'Sarah Mitchell', 'James Porter', 'Linda Okafor', 'Rahul Mehta', 'Hiroshi Tanaka',
  'Maria Santos', 'Peter Koenig', 'Emma Walsh', 'David Levin', 'Grace Mwangi', 'Carlos Ferreira',
  'Olga Ivanova', 'Kwame Asante', 'Fatima Haddad', 'Lucas Bernard', 'Nina Petrova', 'Global Research News',
  'Press TV', 'Strategic Culture Foundation', 'Reuters Staff', 'Elena Rossi', 'Omar Khalil',
  'Ingrid Larsen',
];

// prettier-ignore
const GIVEN_NAMES = [
  'Adaeze', 'Agnieszka', 'Ahmet', 'Aiko', 'Alejandro', 'Amara', 'Anders', 'Andrés', 'Anja', 'Arjun', 'Aylin',
  'Bartosz', 'Beatriz', 'Bogdan', 'Camille', 'Chen', 'Dalia', 'Dmitri', 'Eero', 'Élodie', 'Eszter', 'Farid',
  'Gaspard', 'Goran', 'Hana', 'Ifeoma', 'Ilse', 'Jakub', 'Joaquín', 'Kaito', 'Katarzyna', 'Leilani', 'Lorenzo',
  'Magnus', 'Malik', 'Milena', 'Nadia', 'Oksana', 'Pedro', 'Priya', 'Quentin', 'Radek', 'Saoirse', 'Selin',
  'Tariq', 'Thandiwe', 'Ugo', 'Valentina', 'Wiktor', 'Yusuf',
];
// prettier-ignore
const FAMILY_NAMES = [
  'Abadi', 'Bakker', 'Čapek', 'Dąbrowski', 'Eriksen', 'Fernández', 'Gruber', 'Horváth', 'Ibrahim', 'Jovanović',
  'Kowalczyk', 'Lindqvist', 'Müller', 'Nakamura', 'Okonkwo', 'Papadopoulos', 'Quispe', 'Rahman', 'Szabó',
  'Takahashi', 'Uzun', 'Van den Berg', 'Wójcik', 'Xu', 'Yılmaz', 'Zielińska', 'Andersson', 'Bianchi', 'Costa',
  'Dubois', 'Esposito', 'Fischer', 'García', 'Haddad', 'Ivanov', 'Jensen', 'Kim', 'Lefebvre', 'Moreau',
  'Novák', 'Olsen', 'Petrović', 'Rossi', 'Silva', 'Tanaka', 'Ueda', 'Vasquez', 'Weber', 'Young', 'Zhang',
];

/**
 * The corpus's authors: the {@link AUTHORS} list, or its first `count`, or
 * the list followed by generated names (given and family names with
 * diacritics, then middle initials) until there are `count`, so that the
 * benchmark can model an archive of thousands of contributors. Every name has
 * a slug of its own.
 */
export function authorNames(count: number = AUTHORS.length): string[] {
  if (count <= AUTHORS.length) return AUTHORS.slice(0, count);
  const names = [...AUTHORS];
  const slugs = new Set(names.map((name) => toSlug(name)));
  const pairs = GIVEN_NAMES.length * FAMILY_NAMES.length;
  for (let i = 0; names.length < count; i++) {
    const given = GIVEN_NAMES[i % GIVEN_NAMES.length] as string;
    const family = FAMILY_NAMES[Math.floor(i / GIVEN_NAMES.length) % FAMILY_NAMES.length] as string;
    const round = Math.floor(i / pairs);
    // After every pair once: a middle initial, then two (A. B.), and so on.
    const initials = round === 0 ? '' : `${initialsOf(round - 1)} `;
    const name = `${given} ${initials}${family}`;
    const slug = toSlug(name);
    if (slugs.has(slug)) continue;
    slugs.add(slug);
    names.push(name);
  }
  return names;
}

/** `A.`, `B.`, … `Z.`, `A. A.`, `A. B.`, … for n = 0, 1, 2, … */
function initialsOf(n: number): string {
  const letter = (k: number) => `${String.fromCharCode(65 + (k % 26))}.`;
  return n < 26 ? letter(n) : `${initialsOf(Math.floor(n / 26) - 1)} ${letter(n)}`;
}

/** Names and places that must survive slugs, search and rendering. */
// prettier-ignore
const NAMED_THINGS = [
  'Vučić', 'Đoković', 'Łódź', 'Øresund', 'Straße', 'Friedrichstraße', 'Kraków', 'Zürich', 'São Paulo',
  'Reykjavík', 'Málaga', 'Gdańsk', 'Niš', 'Tiraspol', 'Brussels', 'Belgrade', 'Moscow', 'Washington',
  'Ankara', 'Beijing', 'Nairobi', 'Caracas',
];

const PLACEHOLDER_NAMES = ['TASS', 'Reuters', 'AFP', 'RIA Novosti', 'Xinhua'];
const TLDS = ['com', 'org', 'net', 'info', 'news'];

// prettier-ignore
const ONSETS = [
  'b', 'br', 'c', 'ch', 'd', 'dr', 'f', 'g', 'gr', 'h', 'j', 'k', 'l', 'm', 'n', 'p', 'pr', 'r', 's', 'sh',
  'st', 't', 'tr', 'v', 'w', 'z', '',
];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ai', 'ea', 'ou', 'io'];
const CODAS = ['', '', '', 'n', 'r', 'l', 's', 't', 'm', 'nd', 'st', 'rk'];

/** Letters of the per-article probe word: consonants only, so no stemmer rule applies to it. */
const PROBE_LETTERS = 'bcdfghjklmnprtvwxz';

/**
 * A word guaranteed to occur in exactly one article (`qz` never starts a
 * generated word). The benchmark searches for it as "a rare word".
 */
export function probeWord(index: number): string {
  let n = index;
  let word = '';
  do {
    word = (PROBE_LETTERS[n % PROBE_LETTERS.length] ?? 'b') + word;
    n = Math.floor(n / PROBE_LETTERS.length);
  } while (n > 0);
  return `qz${word}`;
}

export interface Vocabulary {
  /** Words by rank: index 0 is the most frequent. */
  words: string[];
  /** Draws one word with Zipf-distributed probability. */
  draw(random: Random): string;
}

/** Builds the vocabulary and its Zipf sampler (Vose's alias method: O(1) per draw). */
export function createVocabulary(seed: number, pseudoWords = PSEUDO_WORD_COUNT): Vocabulary {
  const random = createRandom(mixSeed(seed, 0x5eed));
  const words = [...FUNCTION_WORDS];
  const seen = new Set(words);
  while (words.length < FUNCTION_WORDS.length + pseudoWords) {
    // Frequent words are short, rare ones long, as in real text.
    const rank = words.length;
    const syllables = 1 + (rank > 300 ? 1 : 0) + (rank > 8000 ? 1 : 0) + random.int(0, 1);
    let word = '';
    for (let s = 0; s < syllables; s++) {
      word += random.pick(ONSETS) + random.pick(VOWELS) + (s === syllables - 1 ? random.pick(CODAS) : '');
    }
    if (word.length < 2 || seen.has(word)) continue;
    seen.add(word);
    words.push(word);
  }

  const n = words.length;
  const weights = new Float64Array(n);
  let total = 0;
  for (let r = 0; r < n; r++) {
    weights[r] = 1 / Math.pow(r + 1, ZIPF_EXPONENT);
    total += weights[r] as number;
  }
  const probability = new Float64Array(n);
  const alias = new Int32Array(n);
  const small: number[] = [];
  const large: number[] = [];
  for (let r = 0; r < n; r++) {
    const scaled = ((weights[r] as number) * n) / total;
    weights[r] = scaled;
    (scaled < 1 ? small : large).push(r);
  }
  while (small.length > 0 && large.length > 0) {
    const s = small.pop() as number;
    const l = large.pop() as number;
    probability[s] = weights[s] as number;
    alias[s] = l;
    weights[l] = (weights[l] as number) + (weights[s] as number) - 1;
    ((weights[l] as number) < 1 ? small : large).push(l);
  }
  for (const r of [...small, ...large]) probability[r] = 1;

  return {
    words,
    draw(r: Random): string {
      const column = Math.floor(r.next() * n);
      return words[r.next() < (probability[column] as number) ? column : (alias[column] as number)] as string;
    },
  };
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** A YAML list of taxonomy terms, in the form of content/regions.yaml. */
function taxonomyYaml(terms: readonly (readonly [string, string])[], what: string): string {
  const lines = [`# Synthetic benchmark corpus: ${what}.`];
  for (const [id, name] of terms) lines.push(`- id: ${id}`, `  name: ${JSON.stringify(name)}`);
  return `${lines.join('\n')}\n`;
}

function sourcesYaml(): string {
  const lines = ['# Synthetic benchmark corpus: publications.'];
  for (const [name, domain] of PUBLICATIONS.slice(0, LISTED_PUBLICATIONS)) {
    lines.push(`- name: ${JSON.stringify(name)}`, `  homepage: https://${domain}/`);
  }
  return `${lines.join('\n')}\n`;
}

export interface Registries {
  'regions.yaml': string;
  'themes.yaml': string;
  'sources.yaml': string;
}

export function registries(): Registries {
  return {
    'regions.yaml': taxonomyYaml(REGIONS, 'regions'),
    'themes.yaml': taxonomyYaml(THEMES, 'themes'),
    'sources.yaml': sourcesYaml(),
  };
}

export interface GeneratedArticle {
  index: number;
  slug: string;
  /** Path relative to the content root: `articles/YYYY/MM/<slug>.md`. */
  contentPath: string;
  text: string;
  published: string;
  draft: boolean;
  /** Words in the body as generated (close to what the site counts). */
  words: number;
  /** The word that occurs in this article only. */
  probe: string;
  regions: string[];
  themes: string[];
}

interface BodyContext {
  random: Random;
  vocabulary: Vocabulary;
  domains: readonly string[];
  publishedYear: string;
  publishedMonth: string;
}

/** One sentence of `length` words, with now and then a name or a figure. */
function sentence(ctx: BodyContext, length: number): string {
  const { random, vocabulary } = ctx;
  const words: string[] = [];
  for (let i = 0; i < length; i++) words.push(vocabulary.draw(random));
  if (random.chance(0.12)) words.splice(random.int(0, words.length), 0, random.pick(NAMED_THINGS));
  if (random.chance(0.08)) {
    words.splice(random.int(0, words.length), 0, `${random.int(2, 98)}.${random.int(0, 9)} percent`);
  }
  if (random.chance(0.05)) {
    const at = random.int(1, Math.max(1, words.length - 2));
    words[at] = `*${words[at]}*`;
  }
  if (length > 12 && random.chance(0.3)) {
    const at = random.int(3, length - 3);
    words[at] = `${words[at]},`;
  }
  const text = words.join(' ');
  return `${capitalise(text)}.`;
}

function citedUrl(ctx: BodyContext, slugWords: string[]): string {
  const domain = ctx.random.pick(ctx.domains);
  return `https://${domain}/${ctx.publishedYear}/${ctx.publishedMonth}/${slugWords.join('-')}`;
}

/** A paragraph, possibly carrying a cited link. Returns its Markdown and word count. */
function paragraph(ctx: BodyContext): { text: string; words: number } {
  const { random } = ctx;
  const sentences: string[] = [];
  let words = 0;
  const count = random.int(2, 6);
  for (let i = 0; i < count; i++) {
    const length = random.int(6, 28);
    words += length;
    sentences.push(sentence(ctx, length));
  }
  if (random.chance(0.12)) {
    const anchor = [ctx.vocabulary.draw(random), ctx.vocabulary.draw(random), ctx.vocabulary.draw(random)];
    const link = `according to [${anchor.join(' ')}](${citedUrl(ctx, anchor)})`;
    const at = random.int(0, sentences.length - 1);
    sentences[at] = `${(sentences[at] as string).slice(0, -1)}, ${link}.`;
    words += 5;
  }
  return { text: sentences.join(' '), words };
}

function body(
  ctx: BodyContext,
  targetWords: number,
  probe: string,
  placeholder: boolean,
): { text: string; words: number } {
  const { random, vocabulary } = ctx;
  const blocks: string[] = [];
  let words = 0;
  const withHeadings = random.chance(0.4);
  const probeBlock = random.int(0, 3);
  while (words < targetWords) {
    const roll = random.next();
    if (withHeadings && blocks.length > 3 && roll < 0.07) {
      const heading = Array.from({ length: random.int(2, 6) }, () => vocabulary.draw(random));
      blocks.push(`## ${capitalise(heading.join(' '))}`);
      words += heading.length;
    } else if (roll < 0.13 && blocks.length > 0) {
      const length = random.int(10, 30);
      blocks.push(`> “${sentence(ctx, length)}”`);
      words += length;
    } else if (roll < 0.17 && blocks.length > 0) {
      const items = random.int(3, 5);
      const lines: string[] = [];
      for (let i = 0; i < items; i++) {
        const length = random.int(4, 14);
        lines.push(`- ${sentence(ctx, length)}`);
        words += length;
      }
      blocks.push(lines.join('\n'));
    } else {
      const p = paragraph(ctx);
      blocks.push(p.text);
      words += p.words;
    }
    if (blocks.length === probeBlock + 1) {
      // The probe word rides on a block that is certainly prose or a list item.
      blocks[probeBlock] = `${blocks[probeBlock] as string} The ${probe} file was cited.`;
      words += 5;
    }
  }
  if (placeholder) {
    const name = random.pick(PLACEHOLDER_NAMES);
    blocks.push(`The report was first carried by [${name}](#) and later confirmed by officials.`);
    words += 11;
  }
  return { text: blocks.join('\n\n'), words };
}

/** Body length: triangular between MIN_WORDS and MAX_WORDS, mean about 1,450 words. */
function targetWordCount(random: Random): number {
  return Math.round(MIN_WORDS + ((random.next() + random.next()) / 2) * (MAX_WORDS - MIN_WORDS));
}

/** Domains that cited links point to: a few hundred, drawn from the vocabulary. */
function citedDomains(vocabulary: Vocabulary, seed: number): string[] {
  const random = createRandom(mixSeed(seed, 0xd0d0));
  const domains = new Set<string>();
  const pseudo = vocabulary.words.slice(FUNCTION_WORDS.length, FUNCTION_WORDS.length + 2000);
  while (domains.size < 300)
    domains.add(`${random.pick(pseudo)}-${random.pick(pseudo)}.${random.pick(TLDS)}`);
  return [...domains].sort();
}

export interface CorpusGenerator {
  vocabulary: Vocabulary;
  registries: Registries;
  /** The articles, index 0 to count-1, one at a time. */
  articles(): Generator<GeneratedArticle>;
}

export function createCorpus(options: {
  articles: number;
  seed?: number;
  authors?: number;
}): CorpusGenerator {
  const seed = options.seed ?? DEFAULT_SEED;
  const vocabulary = createVocabulary(seed);
  const domains = citedDomains(vocabulary, seed);
  const authors = authorNames(options.authors);

  function* articles(): Generator<GeneratedArticle> {
    const slugs = new Set<string>();
    for (let index = 0; index < options.articles; index++) {
      const article = generateArticle(index, seed, vocabulary, domains, slugs, authors);
      yield article;
    }
  }
  return { vocabulary, registries: registries(), articles };
}

function generateArticle(
  index: number,
  seed: number,
  vocabulary: Vocabulary,
  domains: readonly string[],
  slugs: Set<string>,
  authorList: readonly string[],
): GeneratedArticle {
  const random = createRandom(mixSeed(seed, index + 1));
  const dayCount = Math.round((LAST_DAY - FIRST_DAY) / DAY_MS);
  const publishedMs = FIRST_DAY + random.int(0, dayCount) * DAY_MS;
  const published = isoDay(publishedMs);
  const [year, month] = published.split('-') as [string, string];

  // Title: content words, now and then a name with diacritics.
  const titleWords: string[] = [];
  const titleLength = random.int(5, 12);
  while (titleWords.length < titleLength) {
    const word = vocabulary.draw(random);
    if (titleWords.length === 0 && FUNCTION_WORDS.includes(word)) continue;
    titleWords.push(word.length > 3 || titleWords.length === 0 ? capitalise(word) : word);
  }
  if (random.chance(0.25)) titleWords.splice(random.int(1, titleWords.length), 0, random.pick(NAMED_THINGS));
  const title = titleWords.join(' ');
  let slug = articleSlug(title);
  if (slugs.has(slug)) slug = articleSlug(`${title} ${probeWord(index)}`);
  for (let n = 2; slugs.has(slug); n++) slug = `${articleSlug(title).slice(0, 70)}-${n}`;
  slugs.add(slug);

  const authorCount = random.chance(0.8) ? 1 : random.chance(0.75) ? 2 : 3;
  const authors = random.sample(authorList, authorCount);

  // The first articles use every region and theme, so each has a page at any corpus size.
  const regions =
    index < REGIONS.length
      ? [REGIONS[index]?.[0] as string]
      : random.sample(
          REGIONS.map(([id]) => id),
          random.int(0, 3),
        );
  const themes =
    index < THEMES.length
      ? [THEMES[index]?.[0] as string]
      : random.sample(
          THEMES.map(([id]) => id),
          random.int(1, 3),
        );

  const fm: ArticleFrontmatterInput = { title, authors, published };
  if (random.chance(0.2)) {
    fm.subtitle = capitalise(
      Array.from({ length: random.int(8, 16) }, () => vocabulary.draw(random)).join(' '),
    );
  }
  if (random.chance(0.1)) fm.updated = isoDay(publishedMs + random.int(1, 90) * DAY_MS);
  if (random.chance(0.88)) {
    const [name, domain] = random.pick(PUBLICATIONS);
    const source: NonNullable<ArticleFrontmatterInput['source']> = { name };
    if (random.chance(0.8)) source.url = `https://${domain}/${year}/${month}/${slug}`;
    if (random.chance(0.9)) source.published = isoDay(publishedMs - random.int(0, 8) * DAY_MS);
    if (random.chance(0.3)) source.byline = random.pick(authorList);
    fm.source = source;
  }
  fm.regions = regions.sort();
  fm.themes = themes.sort();
  if (random.chance(0.3)) {
    const named = random.pick(NAMED_THINGS);
    fm.image = random.chance(0.5)
      ? {
          src: `https://images.example.org/${year}/${slug.slice(0, 40)}.jpg`,
          alt: `A street in ${named}`,
          caption: `${named}, ${year}`,
          credit: random.pick(authorList),
        }
      : { caption: `${random.pick(authorList)} in ${named}, via ${random.pick(PUBLICATIONS)[0]}` };
  }
  if (random.chance(0.04)) fm.copyright = { holder: random.pick(PUBLICATIONS)[0], year: Number(year) };
  if (random.chance(0.15)) {
    fm.summary = `${capitalise(Array.from({ length: random.int(15, 35) }, () => vocabulary.draw(random)).join(' '))}.`;
  }
  if (random.chance(0.02)) fm.language = 'en-GB';
  const draft = index >= 20 && random.chance(DRAFT_RATE);
  if (draft) fm.draft = true;

  const probe = probeWord(index);
  const ctx: BodyContext = { random, vocabulary, domains, publishedYear: year, publishedMonth: month };
  const generated = body(ctx, targetWordCount(random), probe, random.chance(0.04));
  const text = serializeArticle(fm, generated.text);
  return {
    index,
    slug,
    contentPath: `articles/${year}/${month}/${slug}.md`,
    text,
    published,
    draft,
    words: generated.words,
    probe,
    regions: fm.regions,
    themes: fm.themes,
  };
}

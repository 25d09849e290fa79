/**
 * Property tests of issue 8: an arbitrary string in any frontmatter string
 * field either fails validation with a message naming that field, or, once
 * accepted, comes out of every escaping the site applies as inert text:
 * Astro's HTML text and attribute escaping (what every `{value}` in a
 * template goes through), the JSON-LD serializer and the XML escaping of feeds.
 *
 * (The sanitizer's own property test is tests/unit/markdown/sanitize.test.ts.)
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeHTML } from 'astro/runtime/server/escape.js';
import { addAttribute } from 'astro/runtime/server/render/util.js';
import type { ArticleFrontmatterInput } from '../../src/lib/schema.ts';
import { stringify } from 'yaml';
import { buildNewsArticleJsonLd, serializeJsonLd } from '../../src/lib/structured-data.ts';
import { validateArticleFile } from '../../src/lib/validate-article.ts';
import { escapeXml, xmlSafeText } from '../../src/lib/xml.ts';

const vocabulary = { regions: new Set(['europe']), themes: new Set(['military']) };
const base = (): ArticleFrontmatterInput => ({
  title: 'A title',
  subtitle: 'A subtitle',
  authors: ['An Author'],
  published: '2020-01-10',
  source: { name: 'A Source', url: 'https://example.org/a', byline: 'A Byline' },
  regions: ['europe'],
  themes: ['military'],
  image: { src: 'https://images.example.org/a.jpg', alt: 'Alt', caption: 'Caption', credit: 'Credit' },
  copyright: { holder: 'Holder', year: 2020 },
  summary: 'A summary.',
  language: 'en',
});

/** Every string field of the contract, as a path into the frontmatter. */
const STRING_FIELDS: (string | number)[][] = [
  ['title'],
  ['subtitle'],
  ['authors', 0],
  ['source', 'name'],
  ['source', 'url'],
  ['source', 'byline'],
  ['regions', 0],
  ['themes', 0],
  ['image', 'src'],
  ['image', 'alt'],
  ['image', 'caption'],
  ['image', 'credit'],
  ['copyright', 'holder'],
  ['summary'],
  ['language'],
];

const HOSTILE = [
  '<script>alert(1)</script>',
  '</script>',
  '<img src=x onerror=alert(1)>',
  '"',
  "'",
  '&',
  '&amp;',
  '&#60;',
  '<!--',
  '-->',
  ']]>',
  '<![CDATA[',
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  '\u2028',
  '\u2029',
  '\0',
  '\u0007',
  '\r\n',
  '\uFEFF',
  '\uD800',
  '{{x}}',
  '${x}',
  ' ',
  'https://example.org/',
];
const hostileString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc
    .array(fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 5 })), { maxLength: 8 })
    .map((p) => p.join('')),
);

/** The article file, its frontmatter written by a YAML library so any string is quoted correctly. */
const articleFile = (frontmatter: ArticleFrontmatterInput): string =>
  `---\n${stringify(frontmatter)}---\n\nBody.\n`;

function setAt(target: unknown, path: (string | number)[], value: string): void {
  let node = target as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path.at(-1)!] = value;
}
function getAt(target: unknown, path: (string | number)[]): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], target);
}
/** `['source', 'url']` → `source.url`; `['authors', 0]` → `authors[0]`, as the validator names fields. */
const fieldName = (path: (string | number)[]): string =>
  path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');

/** Undoes exactly the escapes `escapeHTML`/`addAttribute` write; anything else left is a bug. */
function unescapeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (_m, name: string) => {
    const map: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };
    return map[name]!;
  });
}

/** `escaped` is how `value` was written into HTML text. */
function expectInertHtmlText(value: string, escaped = String(escapeHTML(value))): void {
  // In HTML text only `<` starts markup and `&` a reference; quotes matter in attributes.
  expect(escaped).not.toMatch(/[<>"']/);
  expect(escaped.replace(/&(amp|lt|gt|quot|#39);/g, '')).not.toContain('&');
  expect(unescapeEntities(escaped)).toBe(value);
}

function expectInertHtmlAttribute(value: string): void {
  const attribute = String(addAttribute(value, 'content'));
  const match = /^ content="([^"]*)"$/.exec(attribute);
  // One double-quoted attribute, nothing after it: the value cannot close the quote.
  expect(match, attribute).not.toBeNull();
  expect(match![1]!.replace(/&(amp|quot);/g, '')).not.toContain('&');
  expect(unescapeEntities(match![1]!)).toBe(value);
}

function expectInertJsonLd(frontmatter: ArticleFrontmatterInput): void {
  const data = {
    ...frontmatter,
    regions: [],
    themes: [],
    draft: false,
  } as unknown as Parameters<typeof buildNewsArticleJsonLd>[0]['data'];
  const object = buildNewsArticleJsonLd({
    data,
    pageUrl: 'https://archive.example.org/articles/x/',
    description: frontmatter.summary,
    site: { name: 'News Archive', url: 'https://archive.example.org', language: 'en' },
  });
  const json = serializeJsonLd(object);
  // Nothing can end the <script> element or open a comment inside it.
  expect(json).not.toMatch(/[<>]/);
  expect(json).not.toMatch(/[\u2028\u2029]/);
  expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(object)));
}

function expectInertXml(value: string): void {
  const escaped = escapeXml(value);
  expect(escaped).not.toMatch(/[<>"']/);
  expect(escaped.replace(/&(amp|lt|gt|quot|apos);/g, '')).not.toContain('&');
  const decoded = escaped.replace(/&(amp|lt|gt|quot|apos);/g, (_m, n: string) => {
    const map: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    return map[n]!;
  });
  expect(decoded).toBe(xmlSafeText(value));
}

describe('an arbitrary string in any frontmatter string field', () => {
  it.each(STRING_FIELDS.map((path) => [fieldName(path), path] as const))(
    '%s: fails validation naming the field, or renders inert everywhere',
    (name, path) => {
      fc.assert(
        fc.property(hostileString, (value) => {
          const frontmatter = base();
          setAt(frontmatter, path, value);
          const result = validateArticleFile({
            displayPath: 'articles/2020/01/x.md',
            contentPath: 'articles/2020/01/x.md',
            text: articleFile(frontmatter),
            vocabulary,
          });
          if (!result.article) {
            expect(result.problems.length).toBeGreaterThan(0);
            for (const problem of result.problems) expect(problem.message.length).toBeGreaterThan(0);
            // The problem is named where it is: the field itself (or its list), or the
            // frontmatter when the value broke the YAML around it.
            const root = name.replace(/\[\d+\]$/, '');
            expect(
              result.problems.some(
                (p) =>
                  p.field === name ||
                  p.field === root ||
                  p.field.startsWith(`${name}`) ||
                  p.field === 'frontmatter',
              ),
              JSON.stringify(result.problems),
            ).toBe(true);
            return;
          }
          const accepted = getAt(result.article.data, path);
          expect(typeof accepted).toBe('string');
          expectInertHtmlText(accepted as string);
          expectInertHtmlAttribute(accepted as string);
          expectInertXml(accepted as string);
          expectInertJsonLd(result.article.data as unknown as ArticleFrontmatterInput);
        }),
        { numRuns: 150 },
      );
    },
  );
});

describe('URLs in the frontmatter', () => {
  it.each([
    ['source', 'url'],
    ['image', 'src'],
  ])('%s.%s refuses javascript:, data: and vbscript: with a message', (...path) => {
    for (const url of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html,x', 'vbscript:x']) {
      const frontmatter = base();
      setAt(frontmatter, path, url);
      const result = validateArticleFile({
        displayPath: 'articles/2020/01/x.md',
        contentPath: 'articles/2020/01/x.md',
        text: articleFile(frontmatter),
        vocabulary,
      });
      expect(result.article, url).toBeUndefined();
      expect(result.problems.map((p) => p.field)).toContain(path.join('.'));
    }
  });
});

describe('the checks can fail', () => {
  it('they reject a value written out unescaped or escaped lossily', () => {
    expect(() => expectInertHtmlText('<b>', '<b>')).toThrow();
    expect(() => expectInertHtmlText('a & b', 'a & b')).toThrow();
    expect(() => expectInertHtmlText('<b>', '&lt;b')).toThrow();
    expect(String(addAttribute('" onload="x', 'content'))).toBe(' content="&quot; onload=&quot;x"');
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/lib/content-errors.ts';
import { validateArticleFile } from '../../src/lib/validate-article.ts';

const vocabulary = {
  regions: new Set(['europe', 'russia-and-fsu', 'usa', 'asia']),
  themes: new Set(['intelligence', 'military', 'military-and-wmd']),
};
const SEED_PATH =
  'articles/2019/11/us-threatens-sanctions-on-serbia-scrambles-to-thwart-possible-russian-s-400.md';
const SEED = readFileSync(join(import.meta.dirname, '../../content', SEED_PATH), 'utf8');

function validate(frontmatter: string, body = 'Body text.', contentPath = 'articles/2020/01/an-article.md') {
  return validateArticleFile({
    displayPath: `content/${contentPath}`,
    contentPath,
    text: `---\n${frontmatter.trim()}\n---\n\n${body}\n`,
    vocabulary,
  });
}

const BASE = 'title: "A Title"\nauthors: ["A. Writer"]\npublished: 2020-01-15';

/** Asserts exactly one error, on `field`, naming the file, with a message matching `message`. */
function expectError(result: ReturnType<typeof validate>, field: string, message: RegExp, line?: number) {
  const errors = result.problems.filter((p) => p.severity === 'error');
  expect(errors.map(formatProblem)).toHaveLength(1);
  const [error] = errors;
  expect(error?.file).toBe('content/articles/2020/01/an-article.md');
  expect(error?.field).toBe(field);
  expect(error?.message).toMatch(message);
  if (line !== undefined) expect(error?.line).toBe(line);
  expect(formatProblem(error!)).toContain('content/articles/2020/01/an-article.md');
  expect(result.article).toBeUndefined();
}

describe('valid files', () => {
  it('accepts the seed article and reads every fact of it', () => {
    const result = validateArticleFile({
      displayPath: SEED_PATH,
      contentPath: SEED_PATH,
      text: SEED,
      vocabulary,
    });
    expect(result.problems).toEqual([]);
    const { data, derived, slug } = result.article!;
    expect(slug).toBe('us-threatens-sanctions-on-serbia-scrambles-to-thwart-possible-russian-s-400');
    expect(data).toMatchObject({
      authors: ['Zero Hedge'],
      published: '2019-11-18',
      source: { name: 'Zero Hedge', published: '2019-11-10' },
      regions: ['europe', 'russia-and-fsu', 'usa'],
      themes: ['intelligence', 'military', 'military-and-wmd'],
      image: { caption: 'Vladimir Putin and Aleksandar Vučić, via EWB' },
      draft: false,
    });
    expect(derived.summary).toMatch(/^In a largely unreported but hugely important story/);
    expect(derived.wordCount).toBeGreaterThan(500);
  });

  it.each([
    ['the minimum', BASE],
    [
      'every optional field',
      `${BASE}
subtitle: "A subtitle"
updated: 2020-02-01
source:
  name: "The Source"
  url: "https://example.com/a?b=c"
  published: 2020-01-14
  byline: "Tyler Durden"
regions: [europe, usa]
themes: []
image:
  src: "https://example.com/a.jpg"
  alt: "A description"
  caption: "A caption"
  credit: "A credit"
copyright:
  holder: "Someone"
  year: 2020
summary: "A summary."
language: pt-BR
draft: true`,
    ],
    ['a relative image path', `${BASE}\nimage:\n  src: "images/photo.jpg"\n  alt: "Photo"`],
    ['an http source URL', `${BASE}\nsource:\n  name: "X"\n  url: "http://example.com/"`],
    [
      'several authors including organisations',
      `title: "T"\nauthors: ["Zero Hedge", "Tyler Durden"]\npublished: 2020-01-15`,
    ],
    ['updated on the published day', `${BASE}\nupdated: 2020-01-15`],
    [
      'a title of exactly 300 characters',
      `title: "${'x'.repeat(300)}"\nauthors: ["A"]\npublished: 2020-01-15`,
    ],
  ])('accepts %s', (_name, frontmatter) => {
    const result = validate(frontmatter);
    expect(result.problems).toEqual([]);
    expect(result.article).toBeDefined();
  });

  it('accepts a BOM and Windows line endings', () => {
    const result = validateArticleFile({
      displayPath: 'x',
      contentPath: 'articles/2020/01/an-article.md',
      text: `\uFEFF---\r\n${BASE.replaceAll('\n', '\r\n')}\r\n---\r\n\r\nBody.\r\n`,
      vocabulary,
    });
    expect(result.problems).toEqual([]);
  });

  it('defaults summary to the start of the first paragraph, without Markdown', () => {
    const result = validate(
      BASE,
      '## Heading\n\nFirst *paragraph* with [a link](https://x.org/).\n\nSecond.',
    );
    expect(result.article?.derived.summary).toBe('First paragraph with a link.');
  });
});

describe('each rule of the contract has a failing case naming file and field', () => {
  it.each<[string, string, string, RegExp]>([
    ['missing title', 'authors: ["A"]\npublished: 2020-01-15', 'title', /is required/],
    ['empty title', 'title: "   "\nauthors: ["A"]\npublished: 2020-01-15', 'title', /must not be empty/],
    [
      'title over 300',
      `title: "${'x'.repeat(301)}"\nauthors: ["A"]\npublished: 2020-01-15`,
      'title',
      /at most 300/,
    ],
    ['missing authors', 'title: "T"\npublished: 2020-01-15', 'authors', /is required/],
    ['empty authors', 'title: "T"\nauthors: []\npublished: 2020-01-15', 'authors', /at least one author/],
    ['authors not a list', 'title: "T"\nauthors: "A"\npublished: 2020-01-15', 'authors', /list/],
    ['missing published', 'title: "T"\nauthors: ["A"]', 'published', /is required/],
    [
      'published not a date',
      'title: "T"\nauthors: ["A"]\npublished: "18 Nov 2019"',
      'published',
      /YYYY-MM-DD/,
    ],
    [
      'impossible date',
      'title: "T"\nauthors: ["A"]\npublished: 2020-02-30',
      'published',
      /not a real calendar date/,
    ],
    ['year before 1900', 'title: "T"\nauthors: ["A"]\npublished: 1899-01-15', 'published', /between 1900/],
    [
      'year after next year',
      'title: "T"\nauthors: ["A"]\npublished: 2999-01-15',
      'published',
      /between 1900/,
    ],
    ['updated before published', `${BASE}\nupdated: 2020-01-14`, 'updated', /before published/],
    ['source without name', `${BASE}\nsource:\n  url: "https://x.org/"`, 'source.name', /is required/],
    ['relative source url', `${BASE}\nsource:\n  name: "X"\n  url: "/a/b"`, 'source.url', /absolute http/],
    ['ftp source url', `${BASE}\nsource:\n  name: "X"\n  url: "ftp://x.org/"`, 'source.url', /absolute http/],
    [
      'source published after published',
      `${BASE}\nsource:\n  name: "X"\n  published: 2020-01-16`,
      'source.published',
      /after published/,
    ],
    [
      'unknown source field',
      `${BASE}\nsource:\n  name: "X"\n  link: "https://x.org/"`,
      'source.link',
      /unknown field/,
    ],
    ['regions not a list', `${BASE}\nregions: europe`, 'regions', /list of region ids/],
    ['malformed region id', `${BASE}\nregions: [Europe]`, 'regions[0]', /lowercase ASCII/],
    ['image src without alt', `${BASE}\nimage:\n  src: "a.jpg"`, 'image.alt', /required when image.src/],
    ['image src http', `${BASE}\nimage:\n  src: "http://x.org/a.jpg"\n  alt: "A"`, 'image.src', /https/],
    [
      'image src javascript',
      `${BASE}\nimage:\n  src: "javascript:alert(1)"\n  alt: "A"`,
      'image.src',
      /https/,
    ],
    ['copyright without year', `${BASE}\ncopyright:\n  holder: "X"`, 'copyright.year', /is required/],
    [
      'copyright year not integer',
      `${BASE}\ncopyright:\n  holder: "X"\n  year: 2019.5`,
      'copyright.year',
      /whole/,
    ],
    ['bad language tag', `${BASE}\nlanguage: "not a tag!"`, 'language', /BCP 47/],
    ['draft not boolean', `${BASE}\ndraft: "yes"`, 'draft', /true or false/],
    [
      'unknown top-level field',
      `${BASE}\npublised: 2020-01-15`,
      'publised',
      /unknown field "publised"; did you mean "published"\?/,
    ],
  ])('%s', (_name, frontmatter, field, message) => {
    expectError(validate(frontmatter), field, message);
  });

  it('names the bad region, the field, the line and the closest valid ids', () => {
    const result = validate(`${BASE}\nregions: [europe, eurpoe]`);
    expectError(result, 'regions[1]', /unknown region "eurpoe"; closest valid ids: europe/, 5);
  });

  it('names an unknown theme with suggestions', () => {
    expectError(
      validate(`${BASE}\nthemes: [militery]`),
      'themes[0]',
      /unknown theme "militery"; closest valid ids: military/,
    );
  });

  it('refuses javascript:, data: and vbscript: link targets in the body, with their line', () => {
    const result = validate(
      BASE,
      'Fine.\n\n[x](javascript:alert(1)) and [y](DATA:text/html,hi)\n\n<a href="vbscript:x">z</a>',
    );
    const errors = result.problems.filter((p) => p.field === 'body');
    expect(errors.map((e) => [e.line, e.message.match(/"(\w+):"/)?.[1]])).toEqual([
      [9, 'javascript'],
      [9, 'data'],
      [11, 'vbscript'],
    ]);
  });

  it('requires the file to sit under the year and month of published', () => {
    const result = validate(BASE, 'Body.', 'articles/2019/12/an-article.md');
    expect(result.problems.map((p) => p.field)).toEqual(['published']);
    expect(result.problems[0]?.message).toMatch(/move it to articles\/2020\/01\//);
  });

  it('requires a valid slug as the file name', () => {
    const result = validate(BASE, 'Body.', 'articles/2020/01/An_Article.md');
    expect(result.problems.map((p) => p.field)).toEqual(['file']);
    expect(result.problems[0]?.message).toMatch(/not a valid slug/);
  });

  it('reports invalid YAML with its line', () => {
    const result = validate(`${BASE}\nregions: [europe`);
    expect(result.problems[0]).toMatchObject({
      field: 'frontmatter',
      message: expect.stringMatching(/invalid YAML/),
    });
    expect(result.problems[0]?.line).toBeGreaterThanOrEqual(5);
  });

  it('reports a frontmatter that is a list or a scalar', () => {
    expect(validate('- a\n- b').problems[0]?.message).toMatch(/mapping of fields, found a list/);
    expect(validate('just text').problems[0]?.message).toMatch(/mapping of fields, found a single value/);
  });

  it('refuses a YAML alias bomb', () => {
    const bomb = `a: &a ["x","x","x","x","x","x","x","x","x"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: [*d,*d,*d,*d,*d,*d,*d,*d,*d]`;
    expect(validate(bomb).problems[0]?.message).toMatch(/aliases expand too far/);
  });

  it('refuses a missing or unclosed frontmatter and NUL bytes', () => {
    const run = (text: string) =>
      validateArticleFile({ displayPath: 'x.md', contentPath: 'articles/2020/01/x.md', text, vocabulary })
        .problems;
    expect(run('No frontmatter')[0]?.message).toMatch(/must start with a line "---"/);
    expect(run('---\ntitle: "T"\n')[0]?.message).toMatch(/never closed/);
    expect(run(`---\n${BASE}\n---\nA\0B`)[0]?.message).toMatch(/NUL byte/);
  });

  it('reports every problem of a file at once', () => {
    const result = validate('title: ""\nauthors: []\npublished: 2020-02-30\nregions: [nowhere]\ncolour: red');
    expect(result.problems.map((p) => p.field).sort()).toEqual([
      'authors',
      'colour',
      'published',
      'regions[0]',
      'title',
    ]);
  });
});

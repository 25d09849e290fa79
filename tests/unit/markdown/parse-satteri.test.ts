/**
 * The pipeline parses Markdown with Sätteri (remark-parse-satteri.ts) and
 * hands its tree to the unchanged remark-rehype/rehype chain, so the tree must
 * be the one remark-parse + remark-gfm build, positions included (errors name
 * the line they come from). Compared here on every example of the CommonMark
 * specification, the examples of GitHub's extensions, every article of every
 * fixture corpus, the seed, and bodies built to sit on the edges.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as commonmarkSpec from 'commonmark-spec';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { parseArticleFile } from '../../../src/lib/frontmatter.ts';
import { parseMarkdown } from '../../../src/markdown/remark-parse-satteri.ts';
import { renderArticleMarkdown } from '../../../src/markdown/render.ts';

const FIXTURES = join(import.meta.dirname, '../../fixtures');

const reference = unified().use(remarkParse).use(remarkGfm).freeze();

interface TreeNode {
  position?: unknown;
  children?: TreeNode[];
}

/** remark-parse + remark-gfm's tree of `body`: what the pipeline was built on. */
function referenceTree(body: string): TreeNode {
  return reference.runSync(reference.parse(body)) as TreeNode;
}

/**
 * `actual` without the positions `expected` lacks. remark-gfm's email
 * autolink transform makes a few nodes without one (CommonMark example 606,
 * `<foo\+@bar.example.com>`), where Sätteri records it; every other position
 * must match.
 */
function withPositionsOf(expected: TreeNode, actual: TreeNode): TreeNode {
  const aligned: TreeNode = { ...actual };
  if (expected.position === undefined) delete aligned.position;
  if (expected.children && actual.children) {
    aligned.children = actual.children.map((child, i) => {
      const counterpart = expected.children?.[i];
      return counterpart ? withPositionsOf(counterpart, child) : child;
    });
  }
  return aligned;
}

function expectSameTree(body: string): void {
  const expected = referenceTree(body);
  expect(withPositionsOf(expected, parseMarkdown(body) as TreeNode)).toEqual(expected);
}

/** The example blocks of a specification file in CommonMark's format (tabs written as →). */
function specExamples(text: string): [string, string][] {
  const fence = '`'.repeat(32);
  const pattern = new RegExp(
    `^${fence} example[^\\n]*\\n([\\s\\S]*?)^\\.\\n[\\s\\S]*?^${fence}$|^#{1,6} +(.*)$`,
    'gm',
  );
  const examples: [string, string][] = [];
  let section = '';
  for (const match of text.matchAll(pattern)) {
    if (match[2] !== undefined) section = match[2];
    else examples.push([`${section} #${examples.length + 1}`, (match[1] ?? '').replaceAll('→', '\t')]);
  }
  return examples;
}

function fixtureBodies(): [string, string][] {
  const bodies: [string, string][] = [];
  for (const corpus of ['corpus', 'hostile-corpus', 'injection-corpus', 'invalid-corpus']) {
    const dir = join(FIXTURES, corpus, 'articles');
    for (const file of readdirSync(dir, { recursive: true }) as string[]) {
      if (!file.endsWith('.md')) continue;
      const text = readFileSync(join(dir, file), 'utf8');
      bodies.push([`${corpus}/${file}`, parseArticleFile(text).body || text]);
    }
  }
  const seed = readdirSync(join(FIXTURES, 'seed'))[0] ?? '';
  bodies.push(['seed', readFileSync(join(FIXTURES, 'seed', seed), 'utf8')]);
  return bodies;
}

const EDGES: [string, string][] = [
  ['email', 'Write to press@example.org or see www.example.com and https://example.com/a_b_(c).'],
  ['an @ that is no email', 'Follow @example on the network; prices @ 5 dollars.'],
  ['a table', '| a | b |\n| - | :-: |\n| 1 | 2 |\n\nAfter the table.'],
  ['a | that is no table', 'Either this | or that, and a line\n|---|\nthat is not a delimiter row.'],
  ['a single-column table', '| a |\n| - |\n| 1 |'],
  [
    'footnotes',
    'A claim[^1] and another[^note].\n\n[^1]: The note.\n\n[^note]: With *emphasis*\n    and a second line.',
  ],
  ['task list', '- [ ] to do\n- [x] done with a mail: someone@example.com'],
  [
    'an email inside a link',
    '[write to someone@example.com](mailto:someone@example.com) and www.example.com/*x*',
  ],
  ['a body that starts with ---', '---\ntitle: not front matter\n---\n\nText.'],
  ['TOML-like fences', '+++\na = 1\n+++\n'],
  ['a NUL character', 'Before\0after, and \0 again.'],
  ['raw HTML', '<div class="x">\n\n*inside*\n\n</div>\n\nInline <span>html</span> and <!-- a comment -->.'],
  ['entities and escapes', '&copy; &#169; &#xA9; &nosuch; \\* \\_ \\\\ &amp;'],
  ['CRLF line endings', 'First line\r\nsecond line\r\n\r\n- a\r\n- b\r\n'],
  ['non-ASCII', 'Vučić in Łódź, Øresund, Straße, 東京, emoji 🗞️ and a combining é.'],
  ['math-like and super/subscript-like text', 'Costs $5 and $6; H~2~O, x^2^, ==marked==, :::note'],
  ['definitions', '[a]: https://example.com "Title"\n\n[a] and [b][a] and [A][] and ![img][a]'],
  ['empty', ''],
];

describe('remark-parse-satteri', () => {
  it.each(specExamples(commonmarkSpec.text))('parses CommonMark %s as remark does', (_name, body) => {
    expectSameTree(body);
  });

  const gfm = readFileSync(join(FIXTURES, 'markdown', 'gfm-extension-examples.txt'), 'utf8');
  it.each(specExamples(gfm))('parses GFM extension example %s as remark-gfm does', (_name, body) => {
    expectSameTree(body);
  });

  it.each([...fixtureBodies(), ...EDGES])('parses %s as remark-gfm does', (_name, body) => {
    expectSameTree(body);
  });

  it('compares real trees: the examples cover tables, footnotes, task lists and autolink literals', () => {
    const types = new Set<string>();
    const visit = (node: TreeNode & { type?: string; checked?: unknown }) => {
      types.add(node.checked === true ? 'checked listItem' : (node.type ?? ''));
      node.children?.forEach(visit);
    };
    for (const [, body] of specExamples(gfm)) visit(parseMarkdown(body) as TreeNode);
    for (const type of [
      'table',
      'delete',
      'footnoteDefinition',
      'footnoteReference',
      'checked listItem',
      'link',
      'html',
    ])
      expect(types).toContain(type);
  });

  it('renders through the whole pipeline, with file lines in its errors', async () => {
    const rendered = await renderArticleMarkdown(
      'Intro.\n\n| a |\n| - |\n| ~~b~~ |\n\nSee www.example.com.',
      {
        file: 'a.md',
        bodyStartLine: 10,
        published: '2020-01-02',
      },
    );
    expect(rendered.html).toContain('<table>');
    expect(rendered.html).toContain('<del>b</del>');
    expect(rendered.citations.map((c) => c.url)).toEqual(['http://www.example.com']);
    await expect(
      renderArticleMarkdown('One.\n\nTwo [x](javascript:alert(1)).', {
        file: 'a.md',
        bodyStartLine: 10,
        published: '2020-01-02',
      }),
    ).rejects.toThrow(/^a\.md:12: /);
  });
});

/**
 * The lean GFM plugin must parse every body exactly as remark-gfm does: it
 * only leaves out tokenizers for constructs the body cannot contain. Every
 * article of every fixture corpus, the seed and bodies built to sit on the
 * edges (an `@` that is not an email, a `|` that is not a table) are parsed
 * both ways and the trees compared, positions included.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { parseArticleFile } from '../../../src/lib/frontmatter.ts';
import remarkGfmLean, { gfmConstructsFor } from '../../../src/markdown/remark-gfm-lean.ts';

const FIXTURES = join(import.meta.dirname, '../../fixtures');

const reference = unified().use(remarkParse).use(remarkGfm).freeze();

function tree(processor: ReturnType<typeof unified>, body: string): unknown {
  return processor.runSync(processor.parse(body));
}

function lean(body: string): unknown {
  const processor = unified().use(remarkParse).use(remarkGfmLean, gfmConstructsFor(body)).freeze();
  return tree(processor as unknown as ReturnType<typeof unified>, body);
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
    'no @ and no |',
    'Plain text with *emphasis*, ~~strike~~, a footnote[^1] and https://example.com.\n\n[^1]: The note.',
  ],
  ['task list', '- [ ] to do\n- [x] done with a mail: someone@example.com'],
  [
    'an email inside a link',
    '[write to someone@example.com](mailto:someone@example.com) and www.example.com/*x*',
  ],
];

describe('remark-gfm-lean', () => {
  it('asks for email autolinks only with an @ and tables only with a |', () => {
    expect(gfmConstructsFor('plain text')).toEqual({ email: false, table: false });
    expect(gfmConstructsFor('a@b.c | d')).toEqual({ email: true, table: true });
  });

  it.each([...fixtureBodies(), ...EDGES])('parses %s exactly as remark-gfm does', (_name, body) => {
    expect(lean(body)).toEqual(tree(reference as unknown as ReturnType<typeof unified>, body));
  });

  it('still links emails and renders tables when the body has them', () => {
    const root = lean('Mail a@example.com.\n\n| x |\n| - |\n| 1 |') as { children: { type: string }[] };
    expect(root.children.map((c) => c.type)).toEqual(['paragraph', 'table']);
    expect(JSON.stringify(root)).toContain('"url":"mailto:a@example.com"');
  });
});

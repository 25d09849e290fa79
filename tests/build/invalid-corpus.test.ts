import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCorpus, ROOT } from './fixture.ts';

describe('a corpus with errors in several files', () => {
  it('fails the build and names every bad file with its field', () => {
    const out = mkdtempSync(join(tmpdir(), 'archive-invalid-'));
    try {
      const result = buildCorpus(join(ROOT, 'tests/fixtures/invalid-corpus'), out);
      expect(result.status).not.toBe(0);
      const expected: [string, string, RegExp][] = [
        ['unknown-region.md', 'regions[0]', /unknown region "eurpe"; closest valid ids: europe/],
        ['typo-field.md', 'publised', /unknown field "publised"; did you mean "published"\?/],
        ['bad-source-url.md', 'source.url', /must be an absolute http:\/\/ or https:\/\/ URL/],
        ['no-authors.md', 'authors', /must name at least one author/],
      ];
      for (const [file, field, message] of expected) {
        const line = result.output
          .split('\n')
          .find((l) => l.includes(file) && l.includes(`error in ${field}:`));
        expect(line, `${file} ${field} in:\n${result.output}`).toBeDefined();
        expect(line).toMatch(message);
      }
      const duplicate = result.output
        .split('\n')
        .find((l) => l.includes('slug "same-slug" is already used by'));
      expect(duplicate, result.output).toMatch(
        /articles\/20(20|21)\/0[13]\/same-slug\.md.*already used by .*articles\/20(20|21)\/0[13]\/same-slug\.md/,
      );
      expect(result.output).toMatch(/5 content error\(s\) in 5 file\(s\)/);
      expect(result.output).not.toContain('good-article.md');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

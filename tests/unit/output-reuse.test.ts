import { describe, expect, it } from 'vitest';
import { pageFileCandidates } from '../../src/integrations/output-reuse.ts';

describe('pageFileCandidates', () => {
  it('names the files a route may have been written to', () => {
    expect(pageFileCandidates('/')).toEqual(['index.html']);
    expect(pageFileCandidates('/articles/a-b/')).toEqual(['articles/a-b/index.html', 'articles/a-b.html']);
    expect(pageFileCandidates('/404/')).toContain('404.html');
    expect(pageFileCandidates('/rss.xml')).toContain('rss.xml');
    expect(pageFileCandidates('/authors/%C5%82odz/')).toContain('authors/łodz/index.html');
  });
});

/**
 * The site of injection attempts for tests/e2e/injection.spec.ts: builds
 * tests/fixtures/injection-corpus into .cache/injection-dist (always, so the
 * test never runs against a stale site), then serves it with its `_headers`.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildCorpus, ROOT } from '../tests/build/fixture.ts';
import { serveStatic } from './serve-static.ts';

export const INJECTION_CORPUS = join(ROOT, 'tests/fixtures/injection-corpus');
export const INJECTION_DIST = join(ROOT, '.cache/injection-dist');

const port = Number(process.argv[2] ?? '4401');
rmSync(INJECTION_DIST, { recursive: true, force: true });
const result = buildCorpus(INJECTION_CORPUS, INJECTION_DIST);
if (result.status !== 0) {
  console.error(result.output);
  process.exit(1);
}
await serveStatic(INJECTION_DIST, port);

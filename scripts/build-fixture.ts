/** Rebuilds the fixture site that build tests and end-to-end tests share (.cache/fixture-dist). */
import { rmSync } from 'node:fs';
import { buildCorpus, FIXTURE_BUILD_ENV, FIXTURE_CORPUS, FIXTURE_DIST } from '../tests/build/fixture.ts';

rmSync(FIXTURE_DIST, { recursive: true, force: true });
const result = buildCorpus(FIXTURE_CORPUS, FIXTURE_DIST, FIXTURE_BUILD_ENV);
if (result.status !== 0) {
  console.error(result.output);
  process.exit(1);
}
console.log(`fixture site built in ${FIXTURE_DIST}`);

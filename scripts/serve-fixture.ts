/**
 * Serves the built fixture site for end-to-end tests, building it first when
 * `npm run build:fixture` has not. Uses `astro preview`, as `npm start` does.
 */
import { spawn } from 'node:child_process';
import { fixtureDist, FIXTURE_DIST, ROOT } from '../tests/build/fixture.ts';

const port = process.argv[2] ?? '4400';
fixtureDist();
const preview = spawn('node_modules/.bin/astro', ['preview', '--host', '127.0.0.1', '--port', port], {
  cwd: ROOT,
  stdio: 'inherit',
  env: { ...process.env, ARCHIVE_OUT_DIR: FIXTURE_DIST },
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => preview.kill(signal));
preview.on('exit', (code) => process.exit(code ?? 0));

/**
 * Serves the built fixture site for end-to-end tests, building it first when
 * `npm run build:fixture` has not. A static server of our own rather than
 * `astro preview`: it applies `_headers` as a static host does, and Astro
 * refuses a second preview server in one project (the injection site runs too).
 */
import { fixtureDist } from '../tests/build/fixture.ts';
import { serveStatic } from './serve-static.ts';

const port = Number(process.argv[2] ?? '4400');
await serveStatic(fixtureDist(), port);

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PAGE_TYPES } from '../page-types.ts';
import { fixtureDist, ROOT } from './fixture.ts';

const VNU_JAR = join(ROOT, 'node_modules/vnu-jar/build/dist/vnu.jar');

interface VnuMessage {
  type: string;
  url: string;
  lastLine?: number;
  message: string;
}

let dist: string;
beforeAll(() => {
  dist = fixtureDist();
});

describe('HTML validity (vnu)', () => {
  it('reports no errors on any page type', () => {
    const files = Object.values(PAGE_TYPES).map((url) =>
      url.endsWith('/') ? join(dist, url, 'index.html') : join(dist, url),
    );
    const result = spawnSync('java', ['-jar', VNU_JAR, '--format', 'json', '--errors-only', ...files], {
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
    });
    expect(result.error).toBeUndefined();
    const { messages } = JSON.parse(result.stderr || '{"messages":[]}') as { messages: VnuMessage[] };
    const errors = messages
      .filter((m) => m.type === 'error')
      .map((m) => `${m.url.replace(`file:${dist}`, '')}:${m.lastLine ?? '?'}: ${m.message}`);
    expect(errors).toEqual([]);
  });
});

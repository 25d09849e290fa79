/**
 * Property test of the sanitizer: whatever HTML-ish text an article body
 * holds, the rendered HTML never contains a forbidden element, an event
 * handler, a style attribute or a script-running URL. A body is either
 * rejected with an ArticleBodyError (unsafe scheme) or rendered safe.
 */
import fc from 'fast-check';
import { DOMParser } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { ArticleBodyError, renderArticleMarkdown } from '../../../src/markdown/render.ts';
import { sanitizeSchema } from '../../../src/markdown/sanitize-schema.ts';

const FORBIDDEN_ELEMENTS = [
  'script',
  'style',
  'iframe',
  'object',
  'embed',
  'form',
  'frame',
  'frameset',
  'svg',
  'math',
  'base',
  'link',
  'meta',
  'template',
  'textarea',
  'button',
  'select',
  'input-text',
];
const ALLOWED_ELEMENTS = new Set(sanitizeSchema.tagNames);

const tagName = fc.constantFrom(
  ...FORBIDDEN_ELEMENTS,
  'a',
  'img',
  'div',
  'p',
  'span',
  'b',
  'table',
  'td',
  'input',
  'details',
  'math',
  'noscript',
  'ScRiPt',
  'IFRAME',
  'Style',
  'marquee',
  'video',
  'audio',
  'source',
  'picture',
  'applet',
  'xmp',
  'plaintext',
);
const attributeName = fc.constantFrom(
  'onclick',
  'onerror',
  'onload',
  'OnMouseOver',
  'onfocus',
  'style',
  'STYLE',
  'href',
  'src',
  'srcset',
  'action',
  'formaction',
  'xlink:href',
  'poster',
  'background',
  'data',
  'srcdoc',
  'class',
  'id',
  'name',
  'title',
  'alt',
  'type',
  'autofocus',
  'is',
  'cite',
  'lang',
);
// Script-running schemes are rarer than harmless ones, so most bodies get past the
// scheme check and exercise the sanitizer itself.
const scheme = fc.oneof(
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'javascript:',
      'JaVaScRiPt:',
      'java\tscript:',
      ' javascript:',
      'jav&#x61;script:',
      'javascript&colon;',
      '&#106;avascript:',
      'data:',
      'DATA:',
      'vbscript:',
    ),
  },
  { weight: 6, arbitrary: fc.constantFrom('https:', 'http:', 'ftp:', 'mailto:', 'tel:', '', '/', '#', '//') },
);
const payload = fc.constantFrom(
  'alert(1)',
  'text/html,<script>alert(1)</script>',
  'evil.example/x',
  '"><script>alert(1)</script>',
  "'",
  'x onerror=alert(1)',
  '',
);
const attributeValue = fc.tuple(scheme, payload).map(([s, p]) => s + p);
const quote = fc.constantFrom('"', "'", '');
const attribute = fc
  .tuple(attributeName, attributeValue, quote)
  .map(([name, value, q]) =>
    q ? ` ${name}=${q}${value.replaceAll(q, '')}${q}` : ` ${name}=${value.replace(/[\s>]/g, '')}`,
  );
const text = fc.constantFrom(
  'text',
  ' ',
  '\n\n',
  '<',
  '>',
  '&',
  '&lt;script&gt;',
  '[link](#)',
  '*em*',
  '`code`',
  '<!-- c -->',
  '<![CDATA[x]]>',
  '</',
  '-->',
);

const { node } = fc.letrec<{ node: string; element: string }>((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, text, tie('element'), tie('element')),
  element: fc
    .tuple(
      tagName,
      fc.array(attribute, { maxLength: 3 }),
      fc.array(tie('node'), { maxLength: 3 }),
      fc.boolean(),
    )
    .map(
      ([tag, attrs, children, close]) =>
        `<${tag}${attrs.join('')}>${children.join('')}${close ? `</${tag}>` : ''}`,
    ),
}));
const markdownLink = fc
  .tuple(attributeValue, fc.boolean())
  .map(([target, image]) => `${image ? '!' : ''}[x](${target.replace(/[\s()]/g, '')})`);
const body = fc
  .array(fc.oneof(node, markdownLink, text), { minLength: 1, maxLength: 8 })
  .map((parts) => parts.join(''));

const UNSAFE_URL = /^\s*(?:javascript|data|vbscript)\s*:/i;

function violations(html: string): string[] {
  const document = new DOMParser().parseFromString(
    `<!doctype html><html><body>${html}</body></html>`,
    'text/html',
  );
  const found: string[] = [];
  for (const element of document.body.querySelectorAll('*')) {
    const tag = element.tagName.toLowerCase();
    if (!ALLOWED_ELEMENTS.has(tag)) found.push(`element <${tag}>`);
    for (const { name, value } of element.attributes) {
      if (/^on/i.test(name)) found.push(`event handler ${name}`);
      if (name.toLowerCase() === 'style') found.push('style attribute');
      if (name.toLowerCase() === 'srcdoc') found.push('srcdoc attribute');
      if (
        ['href', 'src', 'srcset', 'action', 'formaction', 'xlink:href', 'cite', 'poster', 'data'].includes(
          name.toLowerCase(),
        ) &&
        UNSAFE_URL.test(value)
      ) {
        found.push(`unsafe URL in ${name}`);
      }
    }
  }
  return found;
}

const render = (markdown: string) =>
  renderArticleMarkdown(markdown, { file: 'fuzz.md', bodyStartLine: 1, published: '2020-01-01' });

describe('sanitizer', () => {
  it('the checker itself sees forbidden markup (so the property can fail)', () => {
    expect(
      violations('<p onclick="x" style="a">t</p><script>1</script><a href=" javascript:1">x</a>'),
    ).toEqual(['event handler onclick', 'style attribute', 'element <script>', 'unsafe URL in href']);
  });

  it('never lets a forbidden element, attribute or URL through', async () => {
    await fc.assert(
      fc.asyncProperty(body, async (markdown) => {
        let html: string;
        try {
          html = (await render(markdown)).html;
        } catch (error) {
          // Rejecting the body outright (an unsafe scheme, named with its line) is safe too.
          expect(error).toBeInstanceOf(ArticleBodyError);
          return;
        }
        expect(violations(html)).toEqual([]);
      }),
      { numRuns: 400, seed: 20191118 },
    );
  });

  it('keeps the text of removed elements readable as text, never as markup', async () => {
    const { html } = await render(
      '<marquee onmouseover="alert(1)">Breaking</marquee> <img src=x onerror=alert(1)>',
    );
    expect(html).toBe('<p>Breaking <img src="x"></p>');
  });
});

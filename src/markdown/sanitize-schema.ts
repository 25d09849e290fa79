/**
 * The safe subset of HTML an article body may contain, as a `rehype-sanitize`
 * schema written out in full rather than inherited, so that what reaches a
 * reader's page is decided here and reviewed here.
 *
 * What it allows: the prose elements Markdown produces (paragraphs, headings,
 * emphasis, lists, quotes, code, tables, images, footnotes, task lists) plus a
 * few more an editor may paste as raw HTML (`figure`, `abbr`, `mark`, `time`,
 * `small`, `sub`/`sup`, `details`). Everything else is dropped: an unknown
 * element is replaced by its text, and the elements in `strip` are removed
 * with their content.
 *
 * What it forbids, by construction (not by a deny list that could miss a case):
 *  - `script`, `style`, `iframe`, `object`, `embed`, `form` and other active or
 *    embedding elements: not in `tagNames`, and stripped with their content;
 *  - event-handler attributes (`onclick`, `onerror`, …) and `style`: no entry
 *    in `attributes` allows them;
 *  - `javascript:`, `data:`, `vbscript:` and any other scheme in `href`, `src`
 *    and `cite`: only the schemes in `protocols` pass (relative URLs always
 *    pass). The renderer fails on those three schemes before sanitizing, so
 *    they never get this far silently.
 *  - `id` and `name` values are prefixed (`user-content-`) so article content
 *    cannot clobber the page's own ids or DOM globals.
 *
 * Attribute names are hast property names (`className`, `dateTime`).
 */
import type { Options as SanitizeSchema } from 'rehype-sanitize';

const aria = ['ariaDescribedBy', 'ariaLabel', 'ariaLabelledBy'];

/** Elements removed together with everything inside them. */
export const STRIPPED_ELEMENTS = [
  'script',
  'style',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'form',
  'button',
  'select',
  'textarea',
  'template',
  'noscript',
  'noembed',
  'noframes',
  'title',
  'xmp',
  'plaintext',
  'svg',
  'math',
  'canvas',
  'audio',
  'video',
  'link',
  'meta',
  'base',
] as const;

export const sanitizeSchema: SanitizeSchema = {
  tagNames: [
    'a',
    'abbr',
    'b',
    'bdi',
    'bdo',
    'blockquote',
    'br',
    'caption',
    'cite',
    'code',
    'col',
    'colgroup',
    'dd',
    'del',
    'details',
    'dfn',
    'div',
    'dl',
    'dt',
    'em',
    'figcaption',
    'figure',
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'hr',
    'i',
    'img',
    // Only as a disabled checkbox: GFM task lists (see `required`).
    'input',
    'ins',
    'kbd',
    'li',
    'mark',
    'ol',
    'p',
    'pre',
    'q',
    'rp',
    'rt',
    'ruby',
    's',
    'samp',
    // GFM footnotes are wrapped in a section.
    'section',
    'small',
    'span',
    'strong',
    'sub',
    'summary',
    'sup',
    'table',
    'tbody',
    'td',
    'tfoot',
    'th',
    'thead',
    'time',
    'tr',
    'u',
    'ul',
    'var',
    'wbr',
  ],
  // Table parts outside a table could break out of their context.
  ancestors: {
    caption: ['table'],
    col: ['table'],
    colgroup: ['table'],
    tbody: ['table'],
    td: ['table'],
    tfoot: ['table'],
    th: ['table'],
    thead: ['table'],
    tr: ['table'],
  },
  attributes: {
    a: [
      ...aria,
      'href',
      'hrefLang',
      // GFM footnote references and back-references.
      'dataFootnoteBackref',
      'dataFootnoteRef',
      ['className', 'data-footnote-backref'],
    ],
    abbr: ['title'],
    blockquote: ['cite'],
    code: [['className', /^language-[\w+-]+$/]],
    col: ['span'],
    colgroup: ['span'],
    del: ['cite', 'dateTime'],
    details: ['open'],
    // The visually hidden "Footnotes" heading of GFM footnotes (see render.ts).
    h2: [['className', 'visually-hidden']],
    img: [...aria, 'src', 'alt', 'width', 'height'],
    input: [['type', 'checkbox'], ['disabled', true], 'checked'],
    ins: ['cite', 'dateTime'],
    li: [['className', 'task-list-item']],
    ol: [...aria, 'start', 'reversed', ['className', 'contains-task-list']],
    q: ['cite'],
    section: ['dataFootnotes', ['className', 'footnotes']],
    table: [...aria],
    td: ['align', 'colSpan', 'rowSpan', 'headers'],
    th: ['align', 'colSpan', 'rowSpan', 'headers', 'scope', 'abbr'],
    time: ['dateTime'],
    ul: [...aria, ['className', 'contains-task-list']],
    '*': ['id', 'lang', 'dir', 'title'],
  },
  required: {
    input: { type: 'checkbox', disabled: true },
  },
  protocols: {
    href: ['http', 'https', 'mailto'],
    src: ['http', 'https'],
    cite: ['http', 'https'],
  },
  clobber: ['ariaDescribedBy', 'ariaLabelledBy', 'id', 'name'],
  clobberPrefix: 'user-content-',
  strip: [...STRIPPED_ELEMENTS],
  allowComments: false,
  allowDoctypes: false,
};

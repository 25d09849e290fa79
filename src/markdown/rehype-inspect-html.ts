/**
 * Runs after raw HTML is parsed and BEFORE the sanitizer, while the tree still
 * holds everything the editor wrote:
 *  - fails on `javascript:`, `data:` and `vbscript:` targets, naming file and
 *    line (the contract makes them errors, not something to clean up quietly);
 *  - records every link and image target with its line, for the content check;
 *  - records what the sanitizer is about to remove (elements, attributes,
 *    URLs), so `check:content` can tell the editor, per line.
 * The removal rules mirror hast-util-sanitize's own reading of the schema.
 */
import type { Element, Root } from 'hast';
import type { Options as SanitizeSchema } from 'rehype-sanitize';
import type { Node } from 'unist';
import { visit } from 'unist-util-visit';
import { unsafeScheme } from './link-targets.ts';
import { ArticleBodyError, atLine, fileLine, stateOf, type PipelineState } from './pipeline-state.ts';

/** hast properties holding URLs a browser may load or navigate to. */
const URL_PROPERTIES = [
  'href',
  'src',
  'cite',
  'action',
  'formAction',
  'poster',
  'longDesc',
  'background',
  'xLinkHref',
  'data',
  'codeBase',
  'manifest',
  'ping',
  'srcSet',
];

export default function rehypeInspectHtml(schema: SanitizeSchema) {
  return (tree: Root, file: { data: unknown }): undefined => {
    const state = stateOf(file);
    // Elements inside a stripped element vanish with it: their removal is not news.
    const insideStripped = new Set<Node>();
    visit(tree, 'element', (node: Element, _index, parent) => {
      const line = fileLine(state, node);
      // Unsafe targets fail even inside stripped elements: the contract makes them errors.
      failOnUnsafeUrls(state, node, line);
      if (parent && insideStripped.has(parent)) {
        insideStripped.add(node);
        return;
      }
      if (node.tagName === 'a' && typeof node.properties.href === 'string') {
        state.links.push({ tag: 'a', attribute: 'href', target: node.properties.href, ...atLine(line) });
      } else if (node.tagName === 'img' && typeof node.properties.src === 'string') {
        state.links.push({ tag: 'img', attribute: 'src', target: node.properties.src, ...atLine(line) });
      }
      if (reportRemovals(schema, state, node, line) === 'stripped') insideStripped.add(node);
    });
  };
}

function failOnUnsafeUrls(state: PipelineState, node: Element, line: number | undefined): void {
  for (const key of URL_PROPERTIES) {
    const value = node.properties[key];
    if (value === undefined || value === null) continue;
    const target = Array.isArray(value) ? value.join(' ') : String(value);
    const scheme = unsafeScheme(target) ?? (key === 'srcSet' ? srcSetUnsafeScheme(target) : undefined);
    if (scheme) {
      throw new ArticleBodyError(
        state.file,
        line,
        `link target uses the forbidden "${scheme}:" scheme (${attributeName(key)} of <${node.tagName}>): ${truncate(target)}`,
      );
    }
  }
}

function srcSetUnsafeScheme(srcSet: string): string | undefined {
  for (const candidate of srcSet.split(',')) {
    const scheme = unsafeScheme(candidate.trim());
    if (scheme) return scheme;
  }
  return undefined;
}

/** Records what the sanitizer will drop from this element; says whether its whole content goes too. */
function reportRemovals(
  schema: SanitizeSchema,
  state: PipelineState,
  node: Element,
  line: number | undefined,
): 'stripped' | undefined {
  const tag = node.tagName;
  if (!(schema.tagNames ?? []).includes(tag)) {
    state.removed.push({ what: `element <${tag}>`, ...atLine(line) });
    return (schema.strip ?? []).includes(tag) ? 'stripped' : undefined;
  }
  for (const [key, value] of Object.entries(node.properties)) {
    if (value === undefined || value === null || value === false) continue;
    const verdict = propertyVerdict(schema, tag, key, value);
    if (verdict === 'ok') continue;
    state.removed.push({
      what:
        verdict === 'protocol'
          ? `URL ${truncate(String(value))} in ${attributeName(key)} (scheme not allowed)`
          : `attribute ${attributeName(key)}`,
      ...atLine(line),
    });
  }
  return undefined;
}

type PropertyDefinition = NonNullable<NonNullable<SanitizeSchema['attributes']>[string]>[number];

function propertyVerdict(
  schema: SanitizeSchema,
  tag: string,
  key: string,
  value: unknown,
): 'ok' | 'attribute' | 'protocol' {
  const definitions = [
    findDefinition(schema.attributes?.[tag], key),
    findDefinition(schema.attributes?.['*'], key),
  ].filter((d) => d !== undefined);
  if (definitions.length === 0) return 'attribute';
  const values = Array.isArray(value) ? (value as unknown[]) : [value];
  for (const item of values) {
    if (!safeProtocol(schema, key, String(item))) return 'protocol';
    if (!definitions.some((d) => valueAllowed(d, item))) return 'attribute';
  }
  return 'ok';
}

function findDefinition(
  list: readonly PropertyDefinition[] | undefined,
  key: string,
): PropertyDefinition | undefined {
  return list?.find((entry) => (typeof entry === 'string' ? entry : entry[0]) === key);
}

function valueAllowed(definition: PropertyDefinition, value: unknown): boolean {
  if (typeof definition === 'string' || definition.length <= 1) return true;
  return definition
    .slice(1)
    .some((allowed) => (allowed instanceof RegExp ? allowed.test(String(value)) : allowed === value));
}

/** The sanitizer's protocol rule: a scheme before any `/`, `?` or `#` must be listed. */
function safeProtocol(schema: SanitizeSchema, key: string, url: string): boolean {
  const protocols = schema.protocols?.[key];
  if (!protocols || protocols.length === 0) return true;
  const colon = url.indexOf(':');
  if (colon < 0) return true;
  for (const mark of ['/', '?', '#']) {
    const at = url.indexOf(mark);
    if (at > -1 && colon > at) return true;
  }
  return protocols.some((protocol) => colon === protocol.length && url.startsWith(protocol));
}

/** hast property name → the HTML attribute an editor wrote (`onClick` → `onclick`, `className` → `class`). */
export function attributeName(key: string): string {
  if (key === 'className') return 'class';
  if (key === 'htmlFor') return 'for';
  if (/^(data|aria)[A-Z]/.test(key)) return key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  return key.toLowerCase();
}

function truncate(value: string, max = 60): string {
  return value.length > max ? `${value.slice(0, max)}…` : value;
}

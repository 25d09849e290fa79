/**
 * Runs AFTER the sanitizer, on the safe tree, so the attributes it adds are
 * ours and never an editor's:
 *  - placeholder links (empty target or `#`) become their plain text and are
 *    reported, never rendered as dead links;
 *  - external (http/https) links get `rel="noopener noreferrer"`, the class
 *    `external`, `data-domain` and a `title` naming the domain (CSS shows the
 *    domain on focus too, see src/styles/links.css), and a visually hidden
 *    "(external link)" for screen-reader users;
 *  - every distinct external link becomes a citation, in order of first
 *    appearance, with its Wayback Machine URL at the article's date;
 *  - in-page `#fragment` links follow the sanitizer's `user-content-` prefix
 *    on ids (footnotes, editors' own anchors), so they keep working.
 * Internal links are otherwise untouched.
 */
import type { Element, ElementContent, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { visit } from 'unist-util-visit';
import { domainOf, normaliseUrl } from '../lib/urls.ts';
import { waybackUrl } from '../lib/wayback.ts';
import { isExternalUrl, isPlaceholderTarget } from './link-targets.ts';
import { atLine, fileLine, stateOf } from './pipeline-state.ts';

/** Class of every external link; styled in src/styles/links.css. */
export const EXTERNAL_LINK_CLASS = 'external';
/** The words screen readers hear after an external link's text. */
export const EXTERNAL_LINK_LABEL = '(external link)';

export default function rehypeLinks(options: { clobberPrefix: string }) {
  const { clobberPrefix } = options;
  return (tree: Root, file: { data: unknown }): undefined => {
    const state = stateOf(file);
    const seen = new Set<string>();
    let ids: Set<string> | undefined;

    visit(tree, 'element', (node: Element, index, parent) => {
      if (node.tagName !== 'a') return undefined;
      const href = node.properties.href;
      if (href === undefined || href === null) return undefined;
      const target = String(href);
      const line = fileLine(state, node);

      if (isPlaceholderTarget(target)) {
        state.placeholders.push({ text: collapse(toString(node)), ...atLine(line) });
        if (parent && index !== undefined) {
          parent.children.splice(index, 1, ...(node.children as ElementContent[]));
          // Visit the unwrapped children next: they may hold links of their own.
          return index;
        }
        return undefined;
      }

      if (target.startsWith('#')) {
        ids ??= collectIds(tree);
        const fragment = decodeFragment(target.slice(1));
        if (!ids.has(fragment) && ids.has(clobberPrefix + fragment)) {
          node.properties.href = `#${clobberPrefix}${fragment}`;
        }
        return undefined;
      }

      if (!isExternalUrl(target)) return undefined;
      const url = target.trim();
      const domain = domainOf(url);
      if (!domain) return undefined;
      const text = collapse(toString(node)) || domain;
      state.externalLinks.push({ url, text, ...atLine(line) });
      const key = normaliseUrl(url);
      if (!seen.has(key)) {
        seen.add(key);
        state.citations.push({
          text,
          url,
          domain,
          archivedUrl: waybackUrl(url, state.published),
          ...atLine(line),
        });
      }
      markExternal(node, domain);
      return undefined;
    });
  };
}

function markExternal(node: Element, domain: string): void {
  const classes = Array.isArray(node.properties.className) ? node.properties.className : [];
  node.properties.className = [...classes, EXTERNAL_LINK_CLASS];
  node.properties.rel = ['noopener', 'noreferrer'];
  node.properties.dataDomain = domain;
  const title = node.properties.title;
  node.properties.title = typeof title === 'string' && title.trim() ? `${title} (${domain})` : domain;
  node.children.push({
    type: 'element',
    tagName: 'span',
    properties: { className: ['visually-hidden'] },
    children: [{ type: 'text', value: ` ${EXTERNAL_LINK_LABEL}` }],
  });
}

function collectIds(tree: Root): Set<string> {
  const ids = new Set<string>();
  visit(tree, 'element', (node: Element) => {
    if (typeof node.properties.id === 'string') ids.add(node.properties.id);
  });
  return ids;
}

function decodeFragment(fragment: string): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

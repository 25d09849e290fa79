/**
 * Highlights the searched terms on an article page reached from a search
 * result (`/articles/x/?highlight=s-400&highlight=serbia`) with Pagefind's own
 * highlighter, loaded only when such a parameter is present.
 */
import { HIGHLIGHT_PARAM } from './url-state.ts';
import { bundleFileUrl, primaryBundle } from './bundles.ts';

interface PagefindHighlightOptions {
  highlightParam: string;
  addStyles: boolean;
  markOptions: { className: string; exclude: string[] };
}

type PagefindHighlightModule = { default: new (options: PagefindHighlightOptions) => unknown };

export async function highlightSearchTerms(): Promise<void> {
  if (!new URLSearchParams(window.location.search).has(HIGHLIGHT_PARAM)) return;
  // A runtime URL, kept out of Vite's bundling: the file only exists in the built site.
  const url = bundleFileUrl(primaryBundle(), 'pagefind-highlight.js');
  try {
    const { default: PagefindHighlight } = (await import(/* @vite-ignore */ url)) as PagefindHighlightModule;
    new PagefindHighlight({
      highlightParam: HIGHLIGHT_PARAM,
      // Pagefind would inject a <style> element, which a strict CSP refuses; our CSS styles the marks.
      addStyles: false,
      markOptions: {
        className: 'pagefind-highlight',
        exclude: ['[data-pagefind-ignore]', '[data-pagefind-ignore] *', '[aria-hidden="true"]'],
      },
    });
  } catch {
    // No index (e.g. `npm run dev` before a build): the page simply stays unhighlighted.
  }
}

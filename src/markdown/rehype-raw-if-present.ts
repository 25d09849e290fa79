/**
 * `rehype-raw`, run only when the body holds raw HTML. Parsing the whole tree
 * again through parse5 is the most expensive step of the pipeline, and most
 * articles have no HTML at all: skipping it keeps big builds lean. Output is
 * identical either way, since without raw nodes the reparse changes nothing.
 */
import type { Root } from 'hast';
import rehypeRaw from 'rehype-raw';
import type { Processor, Transformer } from 'unified';
import { EXIT, visit } from 'unist-util-visit';

type RawTransform = (tree: Root, file: Parameters<Transformer<Root, Root>>[1]) => Root;

export default function rehypeRawIfPresent(this: Processor): Transformer<Root, Root> {
  const transform = (rehypeRaw as unknown as (this: Processor) => RawTransform).call(this);
  return (tree, file) => (hasRaw(tree) ? transform(tree, file) : undefined);
}

function hasRaw(tree: Root): boolean {
  let found = false;
  visit(tree, (node) => {
    if (node.type !== 'raw') return undefined;
    found = true;
    return EXIT;
  });
  return found;
}

/**
 * GitHub Flavored Markdown (what `remark-gfm` adds to remark-parse), without
 * the tokenizers that cannot match the body at hand.
 *
 * Measured on the benchmark corpus, GFM made parsing four times slower than
 * CommonMark alone, and most of that was one construct: the email autolink
 * literal, which micromark tries at the start of every word. An email
 * autolink needs an `@` and a table needs a `|`, so a body without the
 * character cannot contain the construct, and leaving its tokenizer out gives
 * the same tree (a test renders every fixture both ways). Rendering a body
 * of the benchmark corpus takes about half the time.
 *
 * Everything else is GFM as `remark-gfm` configures it: the same micromark
 * extension (`micromark-extension-gfm`) with the same defaults, and the same
 * mdast extension (`mdast-util-gfm`), whose autolink transform still runs.
 */
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import type { Processor } from 'unified';

type MicromarkExtension = ReturnType<typeof gfm>;

export interface GfmConstructs {
  /** Email autolink literals (`someone@example.com`): only when the body has an `@`. */
  email: boolean;
  /** Tables: only when the body has a `|`. */
  table: boolean;
}

/** Which optional GFM constructs `body` could contain. */
export function gfmConstructsFor(body: string): GfmConstructs {
  return { email: body.includes('@'), table: body.includes('|') };
}

/** Names of micromark constructs left out when their construct cannot occur. */
function omittedNames(constructs: GfmConstructs): Set<string> {
  const names = new Set<string>();
  if (!constructs.email) names.add('emailAutolink');
  if (!constructs.table) names.add('table');
  return names;
}

/** `extension` without the constructs named in `names`, order otherwise kept. */
function withoutConstructs(extension: MicromarkExtension, names: ReadonlySet<string>): MicromarkExtension {
  const out: Record<string, unknown> = {};
  for (const [field, byCode] of Object.entries(extension) as [string, Record<string, unknown>][]) {
    const kept: Record<string, unknown> = {};
    for (const [code, value] of Object.entries(byCode)) {
      const list = (Array.isArray(value) ? value : [value]) as unknown[];
      const filtered = list.filter(
        (item) => !(item && typeof item === 'object' && names.has((item as { name?: string }).name ?? '')),
      );
      if (filtered.length > 0) kept[code] = filtered;
    }
    out[field] = kept;
  }
  return out as MicromarkExtension;
}

/** The remark plugin: GFM with only the constructs `constructs` allows (all by default). */
export default function remarkGfmLean(
  this: Processor,
  constructs: GfmConstructs = { email: true, table: true },
): void {
  const data = this.data() as {
    micromarkExtensions?: MicromarkExtension[];
    fromMarkdownExtensions?: unknown[];
  };
  (data.micromarkExtensions ??= []).push(withoutConstructs(gfm(), omittedNames(constructs)));
  (data.fromMarkdownExtensions ??= []).push(gfmFromMarkdown());
}

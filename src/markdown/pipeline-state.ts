/**
 * What one run of the Markdown pipeline knows and collects. The processor is
 * built once for the whole build; everything specific to one article travels
 * in the vfile's `data`, so plugins stay stateless and the processor reusable.
 */
import type { Node } from 'unist';
import type { Citation, PlaceholderLink, RemovedHtml } from './render.ts';

/** A link or image target as written in the body, before sanitizing. */
export interface LinkOccurrence {
  /** `a` or `img`. */
  tag: string;
  /** `href` or `src`. */
  attribute: string;
  target: string;
  line?: number;
}

/** One appearance of an external link in the rendered body (citations keep only the first per URL). */
export interface ExternalLinkOccurrence {
  url: string;
  text: string;
  line?: number;
}

export interface PipelineState {
  /** The article file, for messages. */
  file: string;
  /** Line of the file on which the body starts, so positions map to file lines. */
  bodyStartLine: number;
  /** The article's `published` date: the Wayback date of its citations. */
  published: string;
  citations: Citation[];
  placeholders: PlaceholderLink[];
  removed: RemovedHtml[];
  links: LinkOccurrence[];
  externalLinks: ExternalLinkOccurrence[];
}

export function newPipelineState(options: {
  file: string;
  bodyStartLine: number;
  published: string;
}): PipelineState {
  return { ...options, citations: [], placeholders: [], removed: [], links: [], externalLinks: [] };
}

/** The state of the current run, from the vfile the processor passes to each plugin. */
export function stateOf(file: { data: unknown }): PipelineState {
  const state = (file.data as { archive?: PipelineState }).archive;
  if (!state) throw new Error('Markdown pipeline run without its state: call renderArticleMarkdown');
  return state;
}

/** The line of the article file a node came from, when the node kept its position. */
export function fileLine(state: PipelineState, node: Node): number | undefined {
  const line = node.position?.start.line;
  return line === undefined ? undefined : state.bodyStartLine + line - 1;
}

/**
 * A body the build must refuse (a `javascript:` link): its message reads
 * `<file>:<line>: …`, and the parts stay available to the content check.
 */
export class ArticleBodyError extends Error {
  readonly file: string;
  readonly line: number | undefined;
  readonly reason: string;
  constructor(file: string, line: number | undefined, reason: string) {
    super(`${file}${line === undefined ? '' : `:${line}`}: ${reason}`);
    this.name = 'ArticleBodyError';
    this.file = file;
    this.line = line;
    this.reason = reason;
  }
}

/** `{ line }` when the line is known, else nothing: optional fields stay absent rather than undefined. */
export function atLine(line: number | undefined): { line?: number } {
  return line === undefined ? {} : { line };
}

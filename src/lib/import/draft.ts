/**
 * What a received article says about itself, before taxonomy names become ids
 * and before a slug is chosen. Both input forms (text copies and saved HTML
 * pages) are read into this shape, so everything after reading is shared.
 */
import type { IsoDate } from '../dates.ts';

export interface ImportDraft {
  title: string;
  authors: string[];
  /** The day the archive published it; absent in forms that do not say (HTML pages). */
  published?: IsoDate;
  source?: {
    name: string;
    url?: string;
    published?: IsoDate;
  };
  /** Region and theme names as written in the input ("Russia and FSU"), mapped to ids later. */
  regionNames: string[];
  themeNames: string[];
  image?: { src?: string; alt?: string; caption?: string };
  /** The copyright line as received; kept only when it differs from what the site derives. */
  copyright?: { holder: string; year: number };
  body: string;
  /** 1-based input line of each fact, so problems found later point back into the input. */
  lines: { [field in DraftField]?: number | undefined };
  /** Input line of the body's first line; body problems are reported relative to it. */
  bodyStartLine: number;
}

export type DraftField =
  'title' | 'authors' | 'published' | 'source' | 'regions' | 'themes' | 'image' | 'copyright' | 'body';

/** A problem found in an input, placed on a line of that input when it can be. */
export interface InputProblem {
  field: string;
  line?: number | undefined;
  message: string;
}

export interface ReadResult {
  draft?: ImportDraft;
  problems: InputProblem[];
}

/**
 * What the audit requires, as plain functions: the score thresholds and the
 * page weight of an article (HTML + CSS, gzipped, no JavaScript).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
export type Category = (typeof CATEGORIES)[number];
export type Scores = Record<Category, number>;

/** Minimum score (0–100) per category. */
export const THRESHOLDS: Scores = { performance: 95, accessibility: 100, 'best-practices': 100, seo: 100 };

/** Largest allowed weight of the seed article page, bytes gzipped. */
export const PAGE_WEIGHT_LIMIT = 30_000;

/** The categories of one page below their threshold. */
export function failedCategories(scores: Scores, thresholds: Scores = THRESHOLDS): Category[] {
  return CATEGORIES.filter((c) => !(scores[c] >= thresholds[c]));
}

export interface PageWeight {
  htmlBytes: number;
  cssBytes: number;
  total: number;
  stylesheets: string[];
}

/** Root-relative URLs of the stylesheets a page links. */
export function linkedStylesheets(html: string): string[] {
  const hrefs: string[] = [];
  for (const tag of html.match(/<link\b[^>]*>/gi) ?? []) {
    if (!/\brel=["']?stylesheet\b/i.test(tag)) continue;
    const href = /\bhref=["']?([^"'\s>]+)/i.exec(tag)?.[1];
    if (href) hrefs.push(href);
  }
  return hrefs;
}

/** Gzipped bytes of a built page and the stylesheets it links (inline styles are in the HTML). */
export async function pageWeight(dist: string, urlPath: string): Promise<PageWeight> {
  const html = await readFile(join(dist, urlPath, urlPath.endsWith('/') ? 'index.html' : ''));
  const stylesheets = linkedStylesheets(html.toString('utf8')).filter((href) => href.startsWith('/'));
  let cssBytes = 0;
  for (const href of stylesheets) cssBytes += gzipSync(await readFile(join(dist, href))).length;
  const htmlBytes = gzipSync(html).length;
  return { htmlBytes, cssBytes, total: htmlBytes + cssBytes, stylesheets };
}

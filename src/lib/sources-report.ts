/**
 * The sources report of the whole archive: which domains the articles cite
 * (with counts of articles and of links), which links are still placeholders
 * and which articles name a source without its URL. Built incrementally from
 * the content check's per-article findings; pure.
 */
import { domainOf } from './urls.ts';
import type { CheckedArticle } from './content-check.ts';

export interface DomainCount {
  domain: string;
  /** Articles citing the domain at least once. */
  articles: number;
  /** Links to the domain, duplicates within an article included. */
  links: number;
}

export interface PlaceholderCase {
  file: string;
  line?: number;
  text: string;
}

export interface MissingUrlCase {
  file: string;
  line?: number;
  source: string;
}

export interface SourcesReport {
  articles: number;
  domains: DomainCount[];
  placeholders: PlaceholderCase[];
  missingUrls: MissingUrlCase[];
}

export class SourcesReportBuilder {
  private articles = 0;
  private readonly domains = new Map<string, { articles: number; links: number }>();
  private readonly placeholders: PlaceholderCase[] = [];
  private readonly missingUrls: MissingUrlCase[] = [];

  add(article: Pick<CheckedArticle, 'file' | 'data' | 'analysis' | 'sourceLine'>): void {
    this.articles++;
    const seenHere = new Set<string>();
    for (const link of article.analysis.externalLinks) {
      const domain = domainOf(link.url);
      if (!domain) continue;
      const count = this.domains.get(domain) ?? { articles: 0, links: 0 };
      count.links++;
      if (!seenHere.has(domain)) {
        seenHere.add(domain);
        count.articles++;
      }
      this.domains.set(domain, count);
    }
    for (const p of article.analysis.placeholders) {
      this.placeholders.push({
        file: article.file,
        ...(p.line === undefined ? {} : { line: p.line }),
        text: p.text,
      });
    }
    if (article.data.source && !article.data.source.url) {
      this.missingUrls.push({
        file: article.file,
        ...(article.sourceLine === undefined ? {} : { line: article.sourceLine }),
        source: article.data.source.name,
      });
    }
  }

  /** Domains by most articles, then most links, then name: a total order, so output is stable. */
  build(): SourcesReport {
    const domains = [...this.domains]
      .map(([domain, c]) => ({ domain, articles: c.articles, links: c.links }))
      .sort((a, b) => b.articles - a.articles || b.links - a.links || a.domain.localeCompare(b.domain));
    return {
      articles: this.articles,
      domains,
      placeholders: [...this.placeholders],
      missingUrls: [...this.missingUrls],
    };
  }
}

/** The report as a readable plain-text table. */
export function formatSourcesReport(report: SourcesReport): string {
  const lines: string[] = [];
  lines.push(`Sources report: ${report.articles} article(s), ${report.domains.length} cited domain(s)`, '');
  if (report.domains.length > 0) {
    const width = Math.max('Domain'.length, ...report.domains.map((d) => d.domain.length));
    lines.push(`${'Domain'.padEnd(width)}  Articles  Links`);
    lines.push(`${'-'.repeat(width)}  --------  -----`);
    for (const d of report.domains) {
      lines.push(
        `${d.domain.padEnd(width)}  ${String(d.articles).padStart(8)}  ${String(d.links).padStart(5)}`,
      );
    }
  } else {
    lines.push('No external links are cited.');
  }
  lines.push('', `Placeholder links (${report.placeholders.length}):`);
  for (const p of report.placeholders) lines.push(`  ${p.file}${p.line ? `:${p.line}` : ''}  "${p.text}"`);
  lines.push('', `Sources without a URL (${report.missingUrls.length}):`);
  for (const m of report.missingUrls) lines.push(`  ${m.file}${m.line ? `:${m.line}` : ''}  ${m.source}`);
  return lines.join('\n');
}

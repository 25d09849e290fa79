/**
 * Calendar dates of the archive are plain `YYYY-MM-DD` strings: they carry no
 * time zone, compare correctly as strings and serialise identically in every
 * output, which keeps builds deterministic.
 */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Earliest year accepted in any date field; older values are typing mistakes. */
export const MIN_YEAR = 1900;

/** True when `value` is `YYYY-MM-DD` and names a day that exists (rejects 2019-02-30). */
export function isRealIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4));
}

export function monthOf(date: IsoDate): number {
  return Number(date.slice(5, 7));
}

/** Two-digit month as used in paths (`/archive/2019/11/`). */
export function monthKey(date: IsoDate): string {
  return date.slice(5, 7);
}

/** Wayback Machine timestamps are `YYYYMMDD`. */
export function compactDate(date: IsoDate): string {
  return date.replaceAll('-', '');
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    // Dates are calendar days: format them in UTC so no reader's zone shifts the day.
    f = new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' });
    formatters.set(key, f);
  }
  return f;
}

function toUtcDate(date: IsoDate): Date {
  return new Date(`${date}T00:00:00Z`);
}

const longDates = new Map<string, string>();

/**
 * "November 18, 2019" in the site's locale. Remembered per day: every card
 * of every listing page shows a date, and `Intl` formatting is slow enough
 * (about 20 µs) to show up in the build's profile at scale, while an archive
 * has only a few thousand distinct days.
 */
export function formatLongDate(date: IsoDate, locale: string): string {
  const key = `${locale}|${date}`;
  let text = longDates.get(key);
  if (text === undefined) {
    text = formatter(locale, { year: 'numeric', month: 'long', day: 'numeric' }).format(toUtcDate(date));
    longDates.set(key, text);
  }
  return text;
}

/** "November 2019" for month archive titles. */
export function formatMonth(year: number, month: number, locale: string): string {
  const date = `${year}-${String(month).padStart(2, '0')}-01`;
  return formatter(locale, { year: 'numeric', month: 'long' }).format(toUtcDate(date));
}

/** RFC 3339 timestamp at midnight UTC, for feeds, sitemaps and Open Graph. */
export function toIsoTimestamp(date: IsoDate): string {
  return `${date}T00:00:00.000Z`;
}

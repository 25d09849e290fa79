/**
 * Dates as received articles write them: "November 18, 2019" (archive line),
 * "10 November 2019" (original-source line), abbreviated months ("Nov. 18,
 * 2019"), ordinals ("18th November 2019") and ISO dates or timestamps
 * ("2019-11-10T08:00:00-05:00", as in HTML meta tags). Everything becomes a
 * calendar day `YYYY-MM-DD`; a day that does not exist gives `undefined`.
 */
import { isRealIsoDate, type IsoDate } from '../dates.ts';

const MONTHS: Readonly<Record<string, number>> = {
  january: 1,
  february: 2,
  march: 3,
  april: 4,
  may: 5,
  june: 6,
  july: 7,
  august: 8,
  september: 9,
  sept: 9,
  october: 10,
  november: 11,
  december: 12,
};

function monthNumber(name: string): number | undefined {
  const key = name.toLowerCase().replace(/\.$/, '');
  if (MONTHS[key] !== undefined) return MONTHS[key];
  // Three-letter abbreviations: "Nov", "Dec".
  if (key.length === 3) {
    const full = Object.keys(MONTHS).find((m) => m.startsWith(key));
    return full === undefined ? undefined : MONTHS[full];
  }
  return undefined;
}

function iso(year: number, month: number, day: number): IsoDate | undefined {
  const value = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return isRealIsoDate(value) ? value : undefined;
}

const MONTH = '([A-Za-z]{3,9}\\.?)';
const DAY = '(\\d{1,2})(?:st|nd|rd|th)?';
const YEAR = '(\\d{4})';

/** "November 18, 2019", "Nov. 18 2019". */
const MONTH_DAY_YEAR = new RegExp(`^${MONTH}\\s+${DAY},?\\s+${YEAR}$`, 'i');
/** "10 November 2019", "10 Nov, 2019", "18th of November 2019". */
const DAY_MONTH_YEAR = new RegExp(`^${DAY}\\s+(?:of\\s+)?${MONTH},?\\s+${YEAR}$`, 'i');
/** "2019-11-10", optionally followed by a time ("2019-11-10T08:00:00Z"). */
const ISO_PREFIX = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

/** The calendar day a human or machine date names, or `undefined` when it names none. */
export function parseHumanDate(text: string): IsoDate | undefined {
  const value = text.trim().replace(/\s+/g, ' ');
  let m = ISO_PREFIX.exec(value);
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  m = MONTH_DAY_YEAR.exec(value);
  if (m) {
    const month = monthNumber(m[1] ?? '');
    return month === undefined ? undefined : iso(Number(m[3]), month, Number(m[2]));
  }
  m = DAY_MONTH_YEAR.exec(value);
  if (m) {
    const month = monthNumber(m[2] ?? '');
    return month === undefined ? undefined : iso(Number(m[3]), month, Number(m[1]));
  }
  return undefined;
}

/**
 * Splits a line ending with a date into what precedes it, the punctuation
 * between them, and the date: "Global Research, November 18, 2019" →
 * { rest: "Global Research", separator: ",", date: "2019-11-18" }.
 * Tries the longest date-looking tail first, so "Zero Hedge 10 November 2019" works too.
 */
export function splitTrailingDate(
  line: string,
): { rest: string; date: IsoDate; separator: string } | undefined {
  const words = line.trim().split(/\s+/);
  // A date is at most four words ("18th of November 2019"), at least one ("2019-11-18").
  for (let take = Math.min(4, words.length); take >= 1; take--) {
    const date = parseHumanDate(words.slice(-take).join(' '));
    if (date !== undefined) {
      const before = words.slice(0, -take).join(' ');
      const rest = before.replace(/[\s,–—-]+$/, '');
      return { rest, date, separator: before.slice(rest.length) };
    }
  }
  return undefined;
}

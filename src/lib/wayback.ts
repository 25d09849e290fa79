/**
 * Links to the Internet Archive's Wayback Machine. Given a date, the Wayback
 * Machine redirects to the snapshot closest to it, so a source that has since
 * disappeared can still be followed as it was when it mattered.
 */
import { compactDate, isRealIsoDate, type IsoDate } from './dates.ts';

export const WAYBACK_PREFIX = 'https://web.archive.org/web/';

/** `https://web.archive.org/web/<YYYYMMDD>/<url>`: the snapshot closest to `isoDate`. */
export function waybackUrl(url: string, isoDate: IsoDate): string {
  if (!isRealIsoDate(isoDate)) throw new Error(`waybackUrl: "${isoDate}" is not a YYYY-MM-DD date`);
  // The archive takes the target URL verbatim after the timestamp: no encoding.
  return `${WAYBACK_PREFIX}${compactDate(isoDate)}/${url.trim()}`;
}

/** Escaping for text written into XML (feeds, sitemaps) and HTML snippets inside them. */

const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/**
 * Escapes text for XML or HTML content and attribute values. Characters XML
 * 1.0 forbids (C0 controls but tab and newlines, lone surrogates, U+FFFE/F)
 * are dropped: one of them would make the whole feed unreadable.
 */
export function escapeXml(text: string): string {
  return xmlSafeText(text).replace(/[&<>"']/g, (c) => XML_ESCAPES[c] as string);
}

/**
 * Drops the characters XML 1.0 cannot carry at all, even escaped. For text
 * handed to a library that escapes markup itself but not these (@astrojs/rss).
 */
export function xmlSafeText(text: string): string {
  return text.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '');
}

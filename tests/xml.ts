/**
 * Well-formedness check for feeds and sitemaps with a strict XML parser (sax),
 * plus the characters XML 1.0 forbids, which sax lets through.
 */
import sax from 'sax';

/** The problems that make `xml` unreadable to a strict XML parser; empty when well-formed. */
export function xmlProblems(xml: string): string[] {
  const problems: string[] = [];
  const forbidden = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u.exec(xml);
  if (forbidden)
    problems.push(`forbidden character U+${forbidden[0].codePointAt(0)?.toString(16)} at ${forbidden.index}`);
  const parser = sax.parser(true);
  let roots = 0;
  let depth = 0;
  parser.onerror = (error) => {
    problems.push(error.message.split('\n')[0] ?? String(error));
    parser.resume();
  };
  parser.onopentag = () => {
    if (depth === 0) roots += 1;
    depth += 1;
  };
  parser.onclosetag = () => {
    depth -= 1;
  };
  parser.write(xml).close();
  if (roots !== 1) problems.push(`${roots} root elements`);
  return problems;
}

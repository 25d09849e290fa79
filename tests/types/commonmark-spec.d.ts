/** The CommonMark specification's text and examples (the package ships no types). */
declare module 'commonmark-spec' {
  /** spec.txt: the specification in its own format, examples included. */
  export const text: string;
  export const tests: { markdown: string; html: string; section: string; number: number }[];
}

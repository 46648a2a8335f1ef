// citation.js ships no types. The BibTeX import parses with it (bibtex.ts); the tests read the
// exports back with Cite.
declare module '@citation-js/core' {
  export class Cite {
    static async(data: string): Promise<{ data: unknown[] }>
  }
  export const plugins: {
    input: {
      chainLink(input: string, options: { type: string }): unknown
    }
  }
}
declare module '@citation-js/plugin-bibtex'
declare module '@citation-js/plugin-ris'

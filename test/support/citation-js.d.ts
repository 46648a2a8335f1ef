// citation.js ships no types; the tests use one call of it.
declare module '@citation-js/core' {
  export class Cite {
    static async(data: string): Promise<{ data: unknown[] }>
  }
}
declare module '@citation-js/plugin-bibtex'
declare module '@citation-js/plugin-ris'

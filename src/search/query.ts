import type { Atom, ParsedQuery } from './model.js'
import { queryWordToken } from './normalize.js'

/**
 * Reads what a user typed into a ParsedQuery (model.ts). Never throws: whatever it cannot read is
 * read as words, and `notes` says so.
 *
 * PLACEHOLDER (the query-language work replaces it): every word is required, nothing else is read.
 */
export function parseQuery(text: string): ParsedQuery {
  const groups: Atom[][] = []
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const token = queryWordToken(word)
    if (token) groups.push([{ field: 'all', tokens: [token], phrase: false, prefix: false, text: word }])
  }
  return { groups, excluded: [], categories: [], years: null, notes: [] }
}

/** The query written back in the query language, the same for every spelling of one query. */
export function formatQuery(q: ParsedQuery): string {
  return q.groups.map((g) => g.map((a) => a.tokens.join(' ')).join(' OR ')).join(' ')
}

import type { Atom, Field, ParsedQuery, SearchRequest } from '../../src/search/model.js'
import { phraseTokens, prefixToken, queryWordToken } from '../../src/search/normalize.js'

// Queries are built as the parser (query.ts) hands them over, so the tests hold whatever it reads.

/** A query as the parser hands it over: these groups, nothing else unless `more` says so. */
export const parsedQuery = (groups: Atom[][], more: Partial<ParsedQuery> = {}): ParsedQuery => ({
  groups,
  excluded: [],
  categories: [],
  years: null,
  notes: [],
  ...more,
})

/** The first page of 20, by relevance, unless `more` says otherwise. */
export const searchRequest = (query: ParsedQuery, more: Partial<SearchRequest> = {}): SearchRequest => ({
  query,
  sort: 'relevance',
  offset: 0,
  limit: 20,
  ...more,
})

/** A word, in any field unless one is named. */
export const word = (w: string, field: Field = 'all'): Atom => ({
  field,
  tokens: [queryWordToken(w)!],
  phrase: false,
  prefix: false,
  text: w,
})

/** A quoted phrase. */
export const phrase = (text: string, field: Field = 'all'): Atom => ({
  field,
  tokens: phraseTokens(text),
  phrase: true,
  prefix: false,
  text,
})

/** A prefix, as `p*` is typed. */
export const prefix = (p: string): Atom => ({
  field: 'all',
  tokens: [prefixToken(p)!],
  phrase: false,
  prefix: true,
  text: `${p}*`,
})

/** Every one of these words. */
export const all = (...words: string[]): ParsedQuery => parsedQuery(words.map((w) => [word(w)]))

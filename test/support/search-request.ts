import type { Atom, ParsedQuery, SearchRequest } from '../../src/search/model.js'

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

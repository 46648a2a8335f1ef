/** Search's values: the parsed query, what is asked of an engine, and what it answers. */
import type { Paper } from '../papers/model.js'

/** Where a word must occur. `all` is title, authors and abstract together. */
export type Field = 'all' | 'title' | 'author' | 'abstract'

/**
 * One thing to look for: a word (one token, or a prefix when typed with a trailing `*`) or a
 * phrase (tokens that must stand next to each other, in order). Tokens are normalized as the index
 * stores them (normalize.ts), so both engines compare like with like.
 */
export interface Atom {
  field: Field
  tokens: string[]
  phrase: boolean
  /** The last token is a prefix: `lang*` finds language, langevin, … */
  prefix: boolean
  /** As the user typed it, for messages. */
  text: string
}

/** Inclusive year range from `year:2024` or `year:2022..2024`. */
export interface YearRange {
  from: number
  until: number
}

/**
 * A query as both engines see it: every group must match (AND), a group matches when any of its
 * atoms does (OR), and no excluded atom may match.
 */
export interface ParsedQuery {
  groups: Atom[][]
  excluded: Atom[]
  /** `cat:cs.LG`: the paper is in any of these arXiv categories (or archives, `cat:cs`). */
  categories: string[]
  years: YearRange | null
  /** What was not understood and how it was read instead, in words a reader understands. */
  notes: string[]
}

export type SearchSort = 'relevance' | 'newest' | 'upvotes'

/** A search: the query plus the filters the page and the API offer beside it. */
export interface SearchRequest {
  query: ParsedQuery
  /** Further categories (the page's filter); a paper in any of these or of the query's `cat:` matches. */
  categories?: string[]
  /** Half-open UTC day range [from, until) on the arXiv date (`YYYY-MM-DD`). */
  from?: string
  until?: string
  hasCode?: boolean
  sort: SearchSort
  offset: number
  limit: number
}

/** One result: the paper and how well it matched (higher is better; comparable within one search). */
export interface SearchHit {
  paper: Paper
  score: number
}

export interface SearchPage<Hit extends SearchHit = SearchHit> {
  hits: Hit[]
  /** The number of matching papers; `exact: false` when it is an estimate (a term matching most of the catalog). */
  total: { value: number; exact: boolean }
}

/** A paper like another, with the key terms they share (the reason shown to the reader). */
export interface SimilarPaper {
  paper: Paper
  sharedTerms: string[]
}

/** Results past this many are not served: a search is for finding, a crawl uses /api/papers. */
export const MAX_RESULTS = 1000

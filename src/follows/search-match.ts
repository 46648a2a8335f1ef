/**
 * A saved search evaluated in memory against one paper, as the engines would answer it
 * (docs/decisions/0016-search.md): the same parser (query.ts), the same tokens (normalize.ts), the
 * same meaning — every group matches (an OR of atoms), no excluded atom matches, a phrase is
 * adjacent tokens inside one field, a prefix is the start of a token, `cat:` and the category
 * filter take a category or its whole archive, years and days read the arXiv date.
 */
import type { Paper } from '../papers/model.js'
import type { Atom, Field, ParsedQuery } from '../search/model.js'
import { indexTokens } from '../search/normalize.js'
import { parseQuery } from '../search/query.js'
import { asksForSomething, parseSearchOptions, toSearchRequest } from '../search/request.js'

/** What a saved search asks of a paper, read once from the follow's target. */
export interface SavedSearch {
  query: ParsedQuery
  /** Lowercased; a paper in any of them (or their archive's) matches. Empty: any category. */
  categories: string[]
  /** Half-open range of days on the arXiv date. */
  from: string | null
  until: string | null
  hasCode: boolean
}

/** The paper's text as the index holds it: each field's tokens, in reading order. */
export interface PaperText {
  title: string[]
  abstract: string[]
  /** One token list per author, so no phrase runs from one name into the next. */
  authors: string[][]
  /** Each field's tokens as a set: a word is one lookup, and a phrase is looked for only where its words are. */
  sets: Record<Exclude<Field, 'all'>, Set<string>>
  /** Every token of every field, for the inverted index. */
  all: Set<string>
}

export type MatchablePaper = Pick<
  Paper,
  'id' | 'title' | 'abstract' | 'authors' | 'categories' | 'publishedAt' | 'githubRepo'
>

/**
 * Reads a follow's target (`q=…&category=…&from=…`, the search page's parameters) as of `today`
 * (for `within=week`); null when it is not a search a page would run (a bad parameter, nothing
 * asked), so the follow matches nothing rather than everything.
 */
export function readSavedSearch(target: string, today: string): SavedSearch | null {
  let options
  try {
    options = parseSearchOptions(Object.fromEntries(new URLSearchParams(target)))
  } catch {
    return null
  }
  const query = parseQuery(options.q)
  if (!asksForSomething(query, options)) return null
  const request = toSearchRequest(options, query, today)
  const categories = [...query.categories, ...(request.categories ?? [])].map((c) => c.toLowerCase())
  return {
    query,
    categories: [...new Set(categories)],
    from: request.from ?? null,
    until: request.until ?? null,
    hasCode: request.hasCode ?? false,
  }
}

/** A paper's tokens, computed once per paper for every search. */
export function paperText(paper: MatchablePaper): PaperText {
  const title = indexTokens(paper.title)
  const abstract = indexTokens(paper.abstract)
  const authors = paper.authors.filter((a) => !a.hidden).map((a) => indexTokens(a.name))
  const sets = { title: new Set(title), abstract: new Set(abstract), author: new Set(authors.flat()) }
  const all = new Set([...sets.title, ...sets.abstract, ...sets.author])
  return { title, abstract, authors, sets, all }
}

/**
 * The terms of the search this paper matches (each matched atom, as the query language writes
 * it), or null when it does not match. A search of filters only matches with no terms.
 */
export function matchSavedSearch(search: SavedSearch, paper: MatchablePaper, text: PaperText): string[] | null {
  if (search.categories.length > 0 && !inCategories(paper.categories, search.categories)) return null
  const day = paper.publishedAt?.slice(0, 10) ?? null
  const { years } = search.query
  if (years && (day === null || Number(day.slice(0, 4)) < years.from || Number(day.slice(0, 4)) > years.until))
    return null
  if (search.from && (day === null || day < search.from)) return null
  if (search.until && (day === null || day >= search.until)) return null
  if (search.hasCode && !paper.githubRepo) return null
  if (search.query.excluded.some((a) => atomMatches(a, text))) return null
  const terms: string[] = []
  for (const group of search.query.groups) {
    const matched = group.filter((a) => atomMatches(a, text))
    if (matched.length === 0) return null
    terms.push(...matched.map(termOf))
  }
  return terms
}

/** Whether a paper is in one of `wanted` (lowercased categories or archives). */
export function inCategories(categories: readonly string[], wanted: readonly string[]): boolean {
  return categories.some((c) => {
    const lower = c.toLowerCase()
    const archive = lower.split('.')[0]!
    return wanted.includes(lower) || wanted.includes(archive)
  })
}

/** An atom as the member typed it: `diffusion`, `"language models"`, `title:transformer`, `lang*`. */
function termOf(atom: Atom): string {
  const field = atom.field === 'all' ? '' : `${atom.field}:`
  const text = atom.text.replace(/\s+/g, ' ').trim()
  return atom.phrase || (atom.tokens.length === 1 && /\s/.test(atom.text)) ? `${field}"${text}"` : `${field}${text}`
}

function atomMatches(atom: Atom, text: PaperText): boolean {
  const tokens = atom.tokens.filter((t) => t.length > 0)
  if (tokens.length === 0) return false
  const set = atom.field === 'all' ? text.all : text.sets[atom.field]
  // Every whole token must be in the field for the atom to hold there: one lookup settles most atoms.
  const whole = atom.prefix ? tokens.slice(0, -1) : tokens
  if (!whole.every((t) => set.has(t))) return false
  if (tokens.length === 1 && !atom.prefix) return true
  return fieldsOf(atom.field, text).some((field) => holds(field, tokens, atom.prefix))
}

function fieldsOf(field: Field, text: PaperText): string[][] {
  switch (field) {
    case 'title':
      return [text.title]
    case 'abstract':
      return [text.abstract]
    case 'author':
      return text.authors
    case 'all':
      return [text.title, ...text.authors, text.abstract]
  }
}

/** Whether `field` holds `tokens` next to each other in order, the last one a prefix if asked. */
function holds(field: readonly string[], tokens: readonly string[], prefix: boolean): boolean {
  const last = tokens.length - 1
  const at = (token: string, i: number, k: number) =>
    prefix && k === last ? field[i]!.startsWith(token) : field[i] === token
  for (let i = 0; i + last < field.length; i++) {
    let k = 0
    while (k <= last && at(tokens[k]!, i + k, k)) k++
    if (k > last) return true
  }
  return false
}

/**
 * The alert matcher: which new papers each follow wants, and why (docs/decisions/0026-alerts.md).
 * Pure: follows and papers in, matches out. Follows are indexed once per batch so a paper meets
 * only the follows that could want it: author follows by surname and first initial, category
 * follows by category, saved searches by one required term (a token → searches inverted index),
 * so 100,000 follows against a day's ingest costs a lookup per token, not a test per follow.
 * Collection follows are not matched here: a paper joins a collection by a member's hand, not by
 * its text (alert batches read a collection's new items instead).
 */
import { z } from 'zod'
import { type AuthorName, authorKey, isSameAuthor, readAuthorName } from './author-name.js'
import type { FollowKind } from './schema.js'
import {
  inCategories,
  type MatchablePaper,
  matchSavedSearch,
  paperText,
  readSavedSearch,
  type SavedSearch,
} from './search-match.js'

export type { MatchablePaper }

/** A follow as the matcher reads it (a `follows` row's columns). */
export interface FollowToMatch {
  id: number
  kind: FollowKind
  target: string
  /** JSON array of co-authors' names and categories (author follows). */
  qualifiers: string
}

export interface PaperMatch {
  paperId: string
  /** Why it matched, in words (AlertPaper.why). */
  why: string
}

export interface Matcher {
  /**
   * Each follow's matching papers (follows with none are absent), papers in the order given. Follows
   * of one target share one list: read it, never change it.
   */
  match(papers: readonly MatchablePaper[]): Map<number, PaperMatch[]>
  /** Follows whose target cannot be read (a saved search no page would run); they match nothing. */
  unreadable: number[]
}

// The search request's own category pattern: `cs`, `cs.LG`, `hep-th`, `cond-mat.stat-mech`.
const CATEGORY = /^[a-z]+(?:-[a-z]+)*(?:\.[A-Za-z]+(?:-[A-Za-z]+)*)?$/
const qualifierList = z.array(z.string().max(300)).max(100)

interface AuthorFollow {
  ids: number[]
  name: AuthorName
  coAuthors: AuthorName[]
  categories: string[]
}

interface SearchFollow {
  ids: number[]
  search: SavedSearch
}

/**
 * Indexes the follows. Follows with the same target (and qualifiers) are read once: popular
 * authors and categories are followed by many members.
 */
export function buildMatcher(follows: readonly FollowToMatch[], today: string): Matcher {
  const authors = new Map<string, AuthorFollow[]>()
  const authorsByTarget = new Map<string, AuthorFollow>()
  const categories = new Map<string, number[]>()
  const searchesByTarget = new Map<string, SearchFollow | null>()
  const unreadable: number[] = []

  for (const follow of follows) {
    if (follow.kind === 'author') {
      if (!indexAuthorFollow(authors, authorsByTarget, follow)) unreadable.push(follow.id)
    } else if (follow.kind === 'category') {
      push(categories, follow.target.trim().toLowerCase(), follow.id)
    } else if (follow.kind === 'search') {
      let entry = searchesByTarget.get(follow.target)
      if (entry === undefined) {
        const search = readSavedSearch(follow.target, today)
        entry = search ? { ids: [], search } : null
        searchesByTarget.set(follow.target, entry)
      }
      if (entry) entry.ids.push(follow.id)
      else unreadable.push(follow.id)
    }
  }
  const searches = indexSearches([...searchesByTarget.values()].filter((s) => s !== null))

  return {
    unreadable,
    match(papers) {
      // Matches are gathered per target and shared by every follow of it: a category followed by
      // thousands of members is one list, not thousands.
      const byTarget = new Map<readonly number[], PaperMatch[]>()
      const add = (ids: readonly number[], paperId: string, why: string) => push(byTarget, ids, { paperId, why })
      const addAuthor = (ids: readonly number[], paperId: string, m: AuthorOnPaper) => add(ids, paperId, authorWhy(m))
      const categoryWhy = new Map<string, string>() // one string per category, not one per match
      for (const paper of papers) {
        matchAuthors(authors, paper, addAuthor)
        for (const category of paperCategories(paper)) {
          const ids = categories.get(category)
          if (!ids) continue
          const spelled = paperCategory(paper, category)
          let why = categoryWhy.get(spelled)
          if (why === undefined) categoryWhy.set(spelled, (why = `category ${spelled}`))
          add(ids, paper.id, why)
        }
        const text = paperText(paper)
        for (const entry of searches.candidates(paper, text)) {
          const terms = matchSavedSearch(entry.search, paper, text)
          if (terms) add(entry.ids, paper.id, terms.length > 0 ? `terms: ${terms.join(', ')}` : 'the search’s filters')
        }
      }
      const out = new Map<number, PaperMatch[]>()
      for (const [ids, list] of byTarget) for (const id of ids) out.set(id, list)
      return out
    },
  }
}

function readAuthorFollow(follow: FollowToMatch): AuthorFollow | null {
  const name = readAuthorName(follow.target)
  if (!name) return null
  let qualifiers: string[] = []
  try {
    qualifiers = qualifierList.parse(JSON.parse(follow.qualifiers))
  } catch {
    qualifiers = [] // a broken list narrows nothing: the name alone is what was followed
  }
  const categories = qualifiers.filter((q) => CATEGORY.test(q.trim())).map((q) => q.trim().toLowerCase())
  const coAuthors = qualifiers
    .filter((q) => !CATEGORY.test(q.trim()))
    .map(readAuthorName)
    .filter((n) => n !== null)
  return { ids: [follow.id], name, coAuthors, categories }
}

type AuthorsOf = Pick<MatchablePaper, 'authors' | 'categories'>

/** How a paper names a followed author: the name as printed, and the qualifier that held. */
export interface AuthorOnPaper {
  printed: string
  /** `with co-author Geoffrey E. Hinton`, `in cs.LG`; null when the follow has no qualifiers. */
  detail: string | null
}

/** The words an alert and the Following page give for an author match: `author W. Zhang, with co-author …`. */
export const authorWhy = (m: AuthorOnPaper) => `author ${m.printed}${m.detail ? `, ${m.detail}` : ''}`

/**
 * Which of these papers are by which followed authors, and how, by the same reading of names as
 * alerts (follows indexed once, each paper's names read once): the Following page asks this, so
 * that what it shows is what an alert would say.
 */
export function matchAuthorFollows(
  follows: readonly FollowToMatch[],
  papers: readonly (AuthorsOf & { id: string })[],
): Map<number, { paperId: string; match: AuthorOnPaper }[]> {
  const index = new Map<string, AuthorFollow[]>()
  const byTarget = new Map<string, AuthorFollow>()
  for (const follow of follows) if (follow.kind === 'author') indexAuthorFollow(index, byTarget, follow)
  const out = new Map<number, { paperId: string; match: AuthorOnPaper }[]>()
  for (const paper of papers)
    matchAuthors(index, paper, (ids, paperId, match) => {
      for (const id of ids) push(out, id, { paperId, match })
    })
  return out
}

/** Adds an author follow to the index; one of a target and qualifiers already there shares its entry. False when unreadable. */
function indexAuthorFollow(
  index: Map<string, AuthorFollow[]>,
  byTarget: Map<string, AuthorFollow>,
  follow: FollowToMatch,
): boolean {
  const key = `${follow.target}\n${follow.qualifiers}`
  const known = byTarget.get(key)
  if (known) {
    known.ids.push(follow.id)
    return true
  }
  const entry = readAuthorFollow(follow)
  if (!entry) return false
  byTarget.set(key, entry)
  push(index, authorKey(entry.name), entry)
  return true
}

const readNames = (paper: AuthorsOf) =>
  paper.authors.filter((a) => !a.hidden).map((a) => ({ printed: a.name, name: readAuthorName(a.name) }))

function matchAuthors(
  index: Map<string, AuthorFollow[]>,
  paper: AuthorsOf & { id: string },
  add: (ids: readonly number[], paperId: string, match: AuthorOnPaper) => void,
) {
  const names = readNames(paper)
  const matched = new Set<AuthorFollow>() // one paper, one reason per follow, though a name be printed twice
  names.forEach((author, position) => {
    if (!author.name) return
    for (const follow of index.get(authorKey(author.name)) ?? []) {
      if (matched.has(follow) || !isSameAuthor(follow.name, author.name)) continue
      const detail = qualifierReason(follow, paper, names, position)
      if (detail === null) continue
      matched.add(follow)
      add(follow.ids, paper.id, { printed: author.printed.trim(), detail: detail || null })
    }
  })
}

/** What tells this paper's author apart from namesakes (`with co-author …`), '' without qualifiers, null when none holds. */
function qualifierReason(
  follow: AuthorFollow,
  paper: AuthorsOf,
  names: { printed: string; name: AuthorName | null }[],
  position: number,
): string | null {
  if (follow.coAuthors.length === 0 && follow.categories.length === 0) return ''
  for (let i = 0; i < names.length; i++) {
    const other = names[i]!.name
    if (i !== position && other && follow.coAuthors.some((c) => isSameAuthor(c, other)))
      return `with co-author ${names[i]!.printed.trim()}`
  }
  const category = paper.categories.find((c) => inCategories([c], follow.categories))
  return category ? `in ${category}` : null
}

/** The keys a paper is found under in the category index: each category and its archive, lowercased. */
function paperCategories(paper: MatchablePaper): Set<string> {
  const keys = new Set<string>()
  for (const c of paper.categories) {
    const lower = c.toLowerCase()
    keys.add(lower)
    keys.add(lower.split('.')[0]!)
  }
  return keys
}

/** The paper's category under a followed key (`cs.lg`, or the archive `cs`) as arXiv spells it: `cs.LG`. */
function paperCategory(paper: MatchablePaper, key: string): string {
  return paper.categories.find((c) => inCategories([c], [key])) ?? key
}

/**
 * Saved searches indexed by one term each of them requires. A search's required groups are ANDed,
 * so a paper it matches holds at least one atom of each group: indexing every atom of the one group
 * with the most selective keys finds every search a paper can match. A phrase is indexed by its
 * longest token, a prefix by its first MIN_PREFIX letters; a search of filters only by its categories,
 * or tested against every paper when it has none.
 */
const MIN_PREFIX = 3

function indexSearches(entries: SearchFollow[]) {
  const byToken = new Map<string, SearchFollow[]>()
  const byPrefix = new Map<string, SearchFollow[]>()
  const byCategory = new Map<string, SearchFollow[]>()
  const always: SearchFollow[] = []
  for (const entry of entries) {
    const groups = entry.search.query.groups
      .map((g) => g.map((a) => ({ atom: a, key: longest(a.tokens) })))
      .filter((g) => g.every((a) => a.key.length > 0))
    if (groups.length === 0) {
      if (entry.search.categories.length > 0) for (const c of entry.search.categories) push(byCategory, c, entry)
      else always.push(entry)
      continue
    }
    // Fewer atoms means fewer lists; longer words are rarer ones.
    const score = (g: (typeof groups)[number]) => g.length * 100 - Math.min(...g.map((a) => a.key.length))
    const group = groups.reduce((best, g) => (score(g) < score(best) ? g : best))
    for (const { atom, key } of group) {
      if (atom.prefix && atom.tokens.length === 1) push(byPrefix, key.slice(0, MIN_PREFIX), entry)
      else push(byToken, atom.prefix ? longest(atom.tokens.slice(0, -1)) || key : key, entry)
    }
  }
  return {
    candidates(paper: MatchablePaper, text: ReturnType<typeof paperText>): Set<SearchFollow> {
      const found = new Set<SearchFollow>(always)
      const collect = (list: SearchFollow[] | undefined) => {
        if (list) for (const e of list) found.add(e)
      }
      for (const token of text.all) {
        collect(byToken.get(token))
        if (token.length >= MIN_PREFIX) collect(byPrefix.get(token.slice(0, MIN_PREFIX)))
      }
      if (byCategory.size > 0) for (const c of paperCategories(paper)) collect(byCategory.get(c))
      return found
    },
  }
}

function longest(tokens: readonly string[]): string {
  return tokens.reduce((a, b) => (b.length > a.length ? b : a), '')
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}

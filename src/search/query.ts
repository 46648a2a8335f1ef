import { FIRST_YEAR, LAST_YEAR } from '../papers/period.js'
import type { Atom, Field, ParsedQuery, YearRange } from './model.js'
import { phraseTokens, prefixToken, words } from './normalize.js'
import { type Lexeme, MAX_PHRASE_TOKENS, MAX_QUERY_CHARS, lexQuery, shorten } from './query-lexer.js'

/**
 * The query language (docs/decisions/0016-search.md; the help page shows it to readers): words that
 * must all match, "exact phrases", -excluded, OR (or `|`) between two of them, title: abstract:
 * author: (ti: abs: au:), cat:cs.LG, year:2024 or year:2022..2024, and prefix* of 3 characters or
 * more. Everything else is punctuation: no FTS5, tsquery or SQL syntax ever reaches an engine.
 */

/** More words than this is a pasted text, not a query; each one costs the engines a posting list. */
export const MAX_ATOMS = 32
/** A shorter prefix matches a good part of the vocabulary, and each of its words must be scored. */
export const MIN_PREFIX_LENGTH = 3

/**
 * Words that occur in nearly every paper: as required words they narrow nothing and cost the most
 * time. Dropped when typed bare beside other words; kept inside quotes and phrases.
 */
const STOPWORDS = new Set(
  'a an the of for and in on with to by from at as is are be or via using its it this that we our into than'.split(' '),
)

/** An atom being read, with what the AST does not keep but the reading needs. */
interface Reading {
  atom: Atom
  quoted: boolean
}

type Item = { kind: 'atom'; negated: boolean; reading: Reading } | { kind: 'or' } | { kind: 'filter' }

/**
 * Reads what a user typed into a ParsedQuery (model.ts). Never throws: whatever it cannot read is
 * read as punctuation or words, and `notes` says so.
 */
export function parseQuery(text: string): ParsedQuery {
  const notes: string[] = []
  const categories = new Set<string>()
  let years: YearRange | null = null
  const items: Item[] = []
  let atomCount = 0
  for (const lexeme of lexQuery(text, notes)) {
    if (lexeme.kind === 'or') {
      items.push(lexeme)
    } else if (lexeme.field === 'cat' || lexeme.field === 'year') {
      items.push({ kind: 'filter' })
      if (lexeme.negated)
        notes.push(
          `Excluding a ${lexeme.field === 'cat' ? 'category' : 'year'} is not supported; “-${lexeme.field}:${shorten(lexeme.value)}” was ignored.`,
        )
      else if (lexeme.field === 'cat') readCategory(lexeme.value, categories, notes)
      else years = readYears(lexeme.value, notes) ?? years
    } else {
      for (const reading of readAtoms(lexeme, notes)) {
        if (atomCount === MAX_ATOMS) {
          notes.push(`Only the first ${MAX_ATOMS} words and phrases were searched.`)
          atomCount++
        }
        if (atomCount > MAX_ATOMS) break
        atomCount++
        items.push({ kind: 'atom', negated: lexeme.negated, reading })
      }
    }
  }
  const { groups, excluded } = group(items, notes)
  return fitted({ groups: dropStopwords(groups), excluded, categories: [...categories].sort(), years, notes })
}

/** The atoms of one term: a phrase, a prefix, or the words of a bare chunk (`foo,bar` is two). */
function readAtoms(lexeme: Extract<Lexeme, { kind: 'term' }>, notes: string[]): Reading[] {
  const field: Field = lexeme.field === null || lexeme.field === 'cat' || lexeme.field === 'year' ? 'all' : lexeme.field
  const text = lexeme.value
  if (lexeme.quoted) {
    let tokens = phraseTokens(text)
    if (tokens.length === 0) {
      notes.push(
        text.trim() === ''
          ? 'Empty quotes were ignored.'
          : `“${shorten(text)}” has no letters or digits and was ignored.`,
      )
      return []
    }
    if (tokens.length > MAX_PHRASE_TOKENS) {
      notes.push(`Only the first ${MAX_PHRASE_TOKENS} words of the phrase “${shorten(text)}” were searched.`)
      tokens = tokens.slice(0, MAX_PHRASE_TOKENS)
    }
    // One quoted word is a word, only never dropped as a common one.
    return [{ atom: { field, tokens, phrase: tokens.length > 1, prefix: false, text }, quoted: true }]
  }
  if (text.endsWith('*')) {
    const token = prefixToken(text)
    if (token !== null && [...token].length >= MIN_PREFIX_LENGTH) {
      return [{ atom: { field, tokens: [token], phrase: false, prefix: true, text }, quoted: false }]
    }
    if (token !== null) {
      notes.push(`A prefix needs at least ${MIN_PREFIX_LENGTH} letters; “${shorten(text)}” was searched as a word.`)
    }
  }
  return [...words(text)].map((w) => ({
    atom: { field, tokens: [w.joined ?? w.parts[0]!], phrase: false, prefix: false, text: text.slice(w.start, w.end) },
    quoted: false,
  }))
}

/** `cs.LG`, `cs`, `hep-th`, `cond-mat.stat-mech`: an arXiv archive, or archive.subject. */
const CATEGORY = /^[a-z]+(?:-[a-z]+)?(?:\.[a-z]+(?:-[a-z]+)?)?$/
const MAX_CATEGORY_LENGTH = 32

function readCategory(value: string, categories: Set<string>, notes: string[]) {
  const category = value.trim().toLowerCase()
  if (category.length <= MAX_CATEGORY_LENGTH && CATEGORY.test(category)) categories.add(category)
  else notes.push(`“${shorten(value)}” is not an arXiv category, so cat: was ignored.`)
}

function readYears(value: string, notes: string[]): YearRange | null {
  const m = /^(\d{4})(?:\.\.(\d{4}))?$/.exec(value.trim())
  const from = Number(m?.[1])
  const until = Number(m?.[2] ?? m?.[1])
  const isServed = (y: number) => y >= FIRST_YEAR && y <= LAST_YEAR
  if (!m || !isServed(from) || !isServed(until)) {
    notes.push(`“year:${shorten(value)}” is not a year (2024) or a range of years (2022..2024) and was ignored.`)
    return null
  }
  return { from: Math.min(from, until), until: Math.max(from, until) }
}

/** ORs join the atoms on either side into one group; an OR with no word on one side is ignored. */
function group(items: Item[], notes: string[]): { groups: Reading[][]; excluded: Atom[] } {
  const groups: Reading[][] = []
  const excluded: Atom[] = []
  let strayOr = false
  items.forEach((item, k) => {
    if (item.kind !== 'or') return
    const before = items[k - 1]
    const after = items[k + 1]
    const isJoinable = (i: Item | undefined) => i?.kind === 'atom' && !i.negated
    const joinsFilters = before?.kind === 'filter' && after?.kind === 'filter' // categories are OR'd anyway
    if (!(isJoinable(before) && isJoinable(after)) && !joinsFilters) strayOr = true
  })
  if (strayOr) notes.push('An OR without a word on each side was ignored.')
  items.forEach((item, k) => {
    if (item.kind !== 'atom') return
    if (item.negated) {
      if (!excluded.some((a) => sameAtom(a, item.reading.atom))) excluded.push(item.reading.atom)
      return
    }
    const joined = items[k - 1]?.kind === 'or' && items[k - 2]?.kind === 'atom' && !isNegated(items[k - 2])
    const current = groups.at(-1)
    if (joined && current) {
      if (!current.some((r) => sameAtom(r.atom, item.reading.atom))) current.push(item.reading)
    } else {
      groups.push([item.reading])
    }
  })
  for (const g of groups) g.sort((a, b) => compare(formatAtom(a.atom), formatAtom(b.atom)))
  // The same group twice narrows nothing: keep its first place (quoted, if either was).
  const kept = new Map<string, Reading[]>()
  for (const g of groups) {
    const key = formatGroup(g.map((r) => r.atom))
    const first = kept.get(key)
    if (!first) kept.set(key, g)
    else if (first.length === 1 && g[0]!.quoted) first[0]!.quoted = true
  }
  return { groups: [...kept.values()], excluded }
}

const isNegated = (item: Item | undefined) => item?.kind === 'atom' && item.negated

function dropStopwords(groups: Reading[][]): Atom[][] {
  const isStopword = (g: Reading[]) => {
    const r = g.length === 1 ? g[0]! : null
    return r !== null && !r.quoted && isDroppable(r.atom)
  }
  const kept = groups.some((g) => !isStopword(g)) ? groups.filter((g) => !isStopword(g)) : groups
  return kept.map((g) => g.map((r) => r.atom))
}

const isDroppable = (a: Atom) => a.field === 'all' && !a.phrase && !a.prefix && STOPWORDS.has(a.tokens[0] ?? '')

/**
 * A query whose written form (formatQuery) fits what parseQuery reads, so that the written form
 * reads back as the same query: Greek letters and arXiv's short field names grow when written out.
 */
function fitted(q: ParsedQuery): ParsedQuery {
  if (formatQuery(q).length <= MAX_QUERY_CHARS) return q
  const shorter = { ...q, groups: [...q.groups], excluded: [...q.excluded], categories: [...q.categories] }
  while (formatQuery(shorter).length > MAX_QUERY_CHARS) {
    if (shorter.excluded.length > 0) shorter.excluded.pop()
    else if (shorter.categories.length > 0) shorter.categories.pop()
    else shorter.groups.pop()
  }
  shorter.notes = [...q.notes, 'The query was too long when written out; only its start was searched.']
  return shorter
}

/**
 * The query written back in the query language, the same for every spelling of one query (`ti:` or
 * `title:`, `|` or `OR`, Transformers or transformer), for cache keys and "results for …". Word
 * order is kept, as the reader typed it; the atoms of an OR group and the categories are sorted.
 */
export function formatQuery(q: ParsedQuery): string {
  const parts = q.groups.map(formatGroup)
  for (const a of q.excluded) parts.push('-' + formatAtom(a))
  for (const c of q.categories) parts.push('cat:' + c)
  if (q.years)
    parts.push(q.years.from === q.years.until ? `year:${q.years.from}` : `year:${q.years.from}..${q.years.until}`)
  return parts.join(' ')
}

const FIELD_NAMES: Record<Field, string> = { all: '', title: 'title:', abstract: 'abstract:', author: 'author:' }

function formatGroup(g: Atom[]): string {
  return g.map(formatAtom).join(' OR ')
}

function formatAtom(a: Atom): string {
  const value = a.prefix
    ? `${a.tokens.join('')}*`
    : a.phrase || a.tokens.length !== 1 || isDroppable(a)
      ? `"${a.tokens.join(' ')}"`
      : a.tokens[0]!
  return FIELD_NAMES[a.field] + value
}

function sameAtom(a: Atom, b: Atom): boolean {
  return formatAtom(a) === formatAtom(b)
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/** Nothing to look for and nothing to filter by: the pages show the search form instead of results. */
export function isEmptyQuery(q: ParsedQuery): boolean {
  return q.groups.length === 0 && q.categories.length === 0 && q.years === null
}

import type { Atom, Field, ParsedQuery, YearRange } from './model.js'
import { phraseTokens, prefixToken, words } from './normalize.js'
import { readCategory, readYears } from './query-filters.js'
import { formatAtom, formatGroup, formatQuery } from './query-format.js'
import { type Lexeme, MAX_PHRASE_TOKENS, MAX_QUERY_CHARS, lexQuery, shorten } from './query-lexer.js'
import { isStopword } from './query-stopwords.js'

export { formatQuery }

/**
 * The query language (docs/decisions/0016-search.md; the help page shows it to readers): words that
 * must all match, "exact phrases", -excluded (or NOT excluded), OR (or `|`) between two of them, title: abstract:
 * author: (ti: abs: au:), cat:cs.LG, year:2024 or year:2022..2024, and prefix* of 3 characters or
 * more. Everything else is punctuation: no FTS5, tsquery or SQL syntax ever reaches an engine.
 */

/** More words than this is a pasted text, not a query; each one costs the engines a posting list. */
export const MAX_ATOMS = 32
/** A shorter prefix matches a good part of the vocabulary, and each of its words must be scored. */
export const MIN_PREFIX_LENGTH = 3

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
  let atoms = 0
  for (const lexeme of lexQuery(text, notes)) {
    if (lexeme.kind === 'or') {
      items.push(lexeme)
    } else if (lexeme.field === 'cat' || lexeme.field === 'year') {
      items.push({ kind: 'filter' })
      const typed = `“-${lexeme.field}:${shorten(lexeme.value)}”`
      if (lexeme.negated) notes.push(`A ${lexeme.field}: filter cannot exclude; ${typed} was ignored.`)
      else if (lexeme.field === 'year') years = readYears(lexeme.value, notes) ?? years
      else {
        const category = readCategory(lexeme.value, notes)
        if (category !== null) categories.add(category)
      }
    } else {
      for (const reading of readAtoms(lexeme, lexeme.field ?? 'all', notes)) {
        if (atoms++ < MAX_ATOMS) items.push({ kind: 'atom', negated: lexeme.negated, reading })
        else if (atoms === MAX_ATOMS + 1) notes.push(`Only the first ${MAX_ATOMS} words and phrases were searched.`)
      }
    }
  }
  const { groups, excluded } = group(items, notes)
  return fitted({ groups: dropStopwords(groups), excluded, categories: [...categories].sort(), years, notes })
}

/** The atoms of one term: a phrase, a prefix, or the words of a bare chunk (`foo,bar` is two). */
function readAtoms(lexeme: Extract<Lexeme, { kind: 'term' }>, field: Field, notes: string[]): Reading[] {
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
  const isDroppable = (g: Reading[]) => {
    const r = g.length === 1 ? g[0]! : null
    return r !== null && !r.quoted && isStopword(r.atom)
  }
  const kept = groups.some((g) => !isDroppable(g)) ? groups.filter((g) => !isDroppable(g)) : groups
  return kept.map((g) => g.map((r) => r.atom))
}

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

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/** Nothing to look for and nothing to filter by: the pages show the search form instead of results. */
export function isEmptyQuery(q: ParsedQuery): boolean {
  return q.groups.length === 0 && q.categories.length === 0 && q.years === null
}

function sameAtom(a: Atom, b: Atom): boolean {
  return formatAtom(a) === formatAtom(b)
}

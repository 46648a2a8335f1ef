/**
 * A paper as PostgreSQL's index holds it: a tsvector written from our own tokens (normalize.ts),
 * title weighted A, authors B, abstract C. The literal is built here rather than by
 * `to_tsvector`, so PostgreSQL's text parser never re-splits a token and both engines hold exactly
 * the same words (docs/decisions/0016-search.md).
 */
import { indexTokens } from '../normalize.js'

export interface IndexedText {
  title: string
  authors: readonly string[]
  abstract: string
}

/** tsvector positions stop at 16383 (PostgreSQL clamps larger ones onto it). */
const MAX_POSITION = 16_383
// An unused position between fields and between authors: a phrase (`a <-> b`) needs distance 1,
// so no phrase runs from a title into the first author or from one author into the next.
const FIELD_GAP = 1

const WEIGHTS = ['A', 'B', 'C'] as const

/** The tsvector literal of a paper's text (`'lexeme':1A,5C …`). */
export function documentLiteral(text: IndexedText): string {
  // Each position with its weight's index in the low two bits: one number, no string per position.
  const positions = new Map<string, number[]>()
  let next = 1
  const add = (tokens: readonly string[], weight: number) => {
    for (const token of tokens) {
      const at = (Math.min(next++, MAX_POSITION) << 2) | weight
      const list = positions.get(token)
      if (list) list.push(at)
      else positions.set(token, [at])
    }
    next += FIELD_GAP
  }
  add(indexTokens(text.title), 0)
  for (const name of text.authors) add(indexTokens(name), 1)
  add(indexTokens(text.abstract), 2)
  // Joined from arrays, not grown with `+=`: a string grown piece by piece stays a rope of one
  // object per piece until something flattens it, ~28 KB a paper instead of ~2 KB, and the writers
  // hold thousands of documents at once (140 MB of heap and most of a rebuild's GC for 5,000).
  const lexemes = new Array<string>(positions.size)
  let n = 0
  for (const [token, list] of positions) {
    const places = new Array<string>(list.length)
    for (let i = 0; i < list.length; i++) places[i] = `${list[i]! >> 2}${WEIGHTS[list[i]! & 3]}`
    lexemes[n++] = `${quoteLexeme(token)}:${places.join(',')}`
  }
  return lexemes.join(' ')
}

/**
 * A lexeme quoted for a tsvector or tsquery literal. Our tokens are letters and digits, but the
 * quoting does not rely on it: a quote is doubled, a backslash escaped, NUL (which PostgreSQL
 * text cannot hold) dropped.
 */
export function quoteLexeme(token: string): string {
  if (PLAIN.test(token)) return `'${token}'` // nearly every token: nothing to escape
  return `'${token.replaceAll('\0', '').replaceAll('\\', '\\\\').replaceAll("'", "''")}'`
}
const PLAIN = /^[a-z0-9]*$/

/**
 * The categories a filter compares against, lowercased: each category (`cs.lg`) and its archive
 * (`cs`), so `cat:cs.LG` and `cat:cs` both find a paper in cs.LG.
 */
export function categoryKeys(categories: string): string[] {
  const keys = new Set<string>()
  for (const category of categories.toLowerCase().split(/\s+/)) {
    if (!category) continue
    keys.add(category)
    const dot = category.indexOf('.')
    if (dot > 0) keys.add(category.slice(0, dot))
  }
  return [...keys]
}

/** A text[] literal for COPY: every element quoted, quotes and backslashes escaped. */
export function textArrayLiteral(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(',')}}`
}

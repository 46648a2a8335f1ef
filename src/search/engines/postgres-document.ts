/**
 * A paper as PostgreSQL's index holds it: a tsvector written from our own tokens (normalize.ts),
 * title weighted A, authors B, abstract C. The tsvector is built here rather than by
 * `to_tsvector`, so PostgreSQL's text parser never re-splits a token and both engines hold exactly
 * the same words (docs/decisions/0016-search.md).
 */
import type { TupleWriter } from '../../platform/db/copy-binary.js'
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

/**
 * A paper's text as a tsvector field of a binary COPY, as `tsvectorrecv` reads it: the number of
 * lexemes, then each lexeme (NUL-ended), its number of positions and the positions, each with its
 * weight in the top two bits (A 3, B 2, C 1). Lexemes in PostgreSQL's order, so it need not sort
 * them; positions as its text input leaves them: ascending, each once (the heaviest weight where
 * two met at 16383), at most 256 to a lexeme (binary input refuses more).
 */
export function writeDocument(w: TupleWriter, text: IndexedText): void {
  const lexemes = sortedPositions(text)
  w.open()
  w.int32(lexemes.length)
  for (const [token, list] of lexemes) {
    w.cstring(token)
    const count = distinctPositions(list)
    w.uint16(count)
    for (let i = 0; i < count; i++) w.uint16(((3 - (list[i]! & 3)) << 14) | (list[i]! >> 2))
  }
  w.close()
}

/** Most positions a lexeme holds (MAXNUMPOS). */
const MAX_POSITIONS = 256

/** Folds a lexeme's positions as PostgreSQL's text input does (see writeDocument); their count. */
function distinctPositions(list: number[]): number {
  let n = 0
  for (let i = 0; i < list.length && n < MAX_POSITIONS; i++) {
    const at = list[i]!
    // Positions rise but for those clamped onto 16383; of those the first (the heaviest) stays.
    if (n > 0 && at >> 2 === list[n - 1]! >> 2) continue
    list[n++] = at
  }
  return n
}

/**
 * Each token of a paper's text with its positions, each position with its weight's index in the
 * low two bits (one number, no string per position), in the order PostgreSQL keeps lexemes:
 * their UTF-8 bytes compared (tsCompareString), which for our tokens is JavaScript's own order but
 * where a character beyond U+FFFF meets one from U+E000 on.
 */
function sortedPositions(text: IndexedText): [string, number[]][] {
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
  // The keys sorted on their own: the default order, without a comparator called from V8's sort.
  return [...positions.keys()].sort().map((token) => [token, positions.get(token)!])
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

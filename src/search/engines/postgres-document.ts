/**
 * A paper as PostgreSQL's index holds it: a tsvector written from our own tokens (normalize.ts),
 * title weighted A, authors B, abstract C. The tsvector is built here rather than by
 * `to_tsvector`, so PostgreSQL's text parser never re-splits a token and both engines hold exactly
 * the same words (docs/decisions/0016-search.md).
 */
import { TupleWriter } from '../../platform/db/copy-binary.js'
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
 * weight in the top two bits (A 3, B 2, C 1). Positions as PostgreSQL's text input leaves them:
 * ascending, each once (the heaviest weight where two met at 16383), at most 256 to a lexeme
 * (binary input refuses more). Lexemes in the order they come: the server sorts them, in C, for
 * less than JavaScript's sort cost the thread that writes them (a fifth of its time).
 */
export function writeDocument(w: TupleWriter, text: IndexedText): void {
  const lexemes = tokenPositions(text)
  w.open()
  const count = w.size
  w.int32(0)
  let written = 0
  let bytes = 0
  for (const [token, list] of lexemes) {
    const positions = distinctPositions(list)
    // Binary input fails the whole COPY past a megabyte of lexemes and positions (its text input
    // refused just the row): a document that long keeps its first megabyte.
    bytes += 3 * token.length + 3 + 2 * positions
    if (bytes > MAX_DOCUMENT_BYTES) break
    w.cstring(token)
    w.uint16(positions)
    for (let i = 0; i < positions; i++) w.uint16(((3 - (list[i]! & 3)) << 14) | (list[i]! >> 2))
    written++
  }
  w.patchInt32(count, written)
  w.close()
}

/** Most positions a lexeme holds (MAXNUMPOS). */
const MAX_POSITIONS = 256
/** Under the most a tsvector's lexemes and positions take (MAXSTRPOS, 1 MB), with room for alignment. */
const MAX_DOCUMENT_BYTES = 1_000_000

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
 * low two bits: one number, no string per position.
 */
function tokenPositions(text: IndexedText): Map<string, number[]> {
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
  return positions
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

/**
 * The documents of a batch's records, encoded ahead in the thread that parsed them (a bulk load's,
 * ingest/sources/snapshot-worker.ts), so the writing thread only copies their bytes: the i-th
 * record's document field ends at `ends[i]` in `bytes`.
 */
export interface PreparedDocuments {
  bytes: Uint8Array
  ends: Uint32Array
}

/** A record's document encoded ahead, with the text it was made of, which the writer checks. */
export interface PreparedDocument extends IndexedText {
  bytes: Uint8Array
}

type RecordText = { id: string; title: string; abstract?: string; authors?: readonly string[] }

/** The documents of these records, as writeDocument writes them, in one buffer. */
export function prepareDocuments(records: readonly RecordText[]): PreparedDocuments {
  const w = new TupleWriter()
  const ends = new Uint32Array(records.length)
  records.forEach((r, i) => {
    writeDocument(w, { title: r.title, authors: r.authors ?? [], abstract: r.abstract ?? '' })
    ends[i] = w.size
  })
  return { bytes: w.take(), ends }
}

/** Documents prepared in parts, as one: the parts' bytes end to end. */
export function joinDocuments(parts: readonly PreparedDocuments[]): PreparedDocuments {
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.bytes.length, 0))
  const ends = new Uint32Array(parts.reduce((n, p) => n + p.ends.length, 0))
  let offset = 0
  let count = 0
  for (const part of parts) {
    bytes.set(part.bytes, offset)
    for (const end of part.ends) ends[count++] = offset + end
    offset += part.bytes.length
  }
  return { bytes, ends }
}

/** The prepared documents of a batch by paper id (the records being the ones they were made from). */
export function preparedByPaper(
  records: readonly RecordText[],
  documents: PreparedDocuments,
): Map<string, PreparedDocument> {
  const byPaper = new Map<string, PreparedDocument>()
  records.forEach((r, i) => {
    byPaper.set(r.id, {
      title: r.title,
      abstract: r.abstract ?? '',
      authors: r.authors ?? [],
      bytes: documents.bytes.subarray(i === 0 ? 0 : documents.ends[i - 1], documents.ends[i]),
    })
  })
  return byPaper
}

/** Whether a document prepared ahead was made of exactly this text (else it is written anew). */
export function preparedFor(prepared: PreparedDocument | undefined, text: IndexedText): prepared is PreparedDocument {
  return (
    !!prepared &&
    prepared.title === text.title &&
    prepared.abstract === text.abstract &&
    prepared.authors.length === text.authors.length &&
    prepared.authors.every((a, i) => a === text.authors[i])
  )
}

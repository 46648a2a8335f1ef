/**
 * A ParsedQuery (model.ts) as tsquery text, for PostgreSQL to read with `$1::tsquery`: the text
 * travels as a bound value and every lexeme in it is quoted (quoteLexeme), so nothing a user types
 * is ever read as SQL or as tsquery syntax. The cast, unlike `to_tsquery`, runs no dictionary or
 * parser: the tokens stay exactly as normalize.ts made them, as the index holds them.
 */
import type { Atom, Field, ParsedQuery } from '../model.js'
import { quoteLexeme } from './postgres-document.js'

/** Each field's weight in the document (postgres-document.ts). */
const FIELD_WEIGHT: Record<Field, string> = { all: '', title: 'A', author: 'B', abstract: 'C' }

export interface CompiledQuery {
  /** What a paper must match: every group, and none of the excluded atoms. Null without a positive atom. */
  match: string | null
  /**
   * What a match is ranked by: every positive atom, OR-ed, for which ts_rank adds up each word's
   * weighted occurrences, field by field. A negated lexeme is left out: ts_rank would count it as
   * one more query term, so excluding a word would reorder the papers that lack it.
   */
  rank: string | null
  /**
   * The positive groups as matched (ANDed), when there are more than one: for an AND, ts_rank
   * scores how close the words stand to each other, and a name typed as words ("yann lecun") is
   * found by its words standing together in the author list. Ranked by it alone, a paper holding a
   * remembered title's words near each other in its abstract came before the paper whose title
   * holds them all (title MRR 0.954 against 0.993); rankOf adds a share of it to `rank`.
   */
  near: string | null
  /** The excluded atoms as one OR, for queries with no positive atom. */
  excluded: string | null
  /** Each positive atom on its own, for the candidate lists (postgres-candidates.ts). */
  atoms: string[]
}

export function compileQuery(query: ParsedQuery): CompiledQuery {
  const groups = query.groups.map((g) => orOf(g.flatMap((a) => atomQuery(a) ?? []))).filter((g) => g !== null)
  const excluded = orOf(query.excluded.flatMap((a) => atomQuery(a) ?? []))
  const positive = groups.length > 0 ? groups.join(' & ') : null
  const match = positive && excluded ? `${positive} & !${excluded}` : positive
  const atoms = [...new Set(query.groups.flatMap((g) => g.flatMap((a) => atomQuery(a) ?? [])))]
  return { match, rank: orOf(atoms), near: groups.length > 1 ? positive : null, excluded, atoms }
}

/** One atom: a lexeme, a prefix (`'lan':*`), or a phrase (`'a' <-> 'b'`), each restricted to its field. */
export function atomQuery(atom: Atom): string | null {
  const tokens = atom.tokens.filter((t) => t.replaceAll('\0', '').length > 0)
  if (tokens.length === 0) return null
  const weight = FIELD_WEIGHT[atom.field]
  const lexemes = tokens.map((token, i) => {
    const prefix = atom.prefix && i === tokens.length - 1 ? '*' : ''
    const label = weight + prefix
    return label ? `${quoteLexeme(token)}:${label}` : quoteLexeme(token)
  })
  if (lexemes.length === 1) return lexemes[0]!
  return `(${lexemes.join(atom.phrase ? ' <-> ' : ' & ')})`
}

function orOf(parts: string[]): string | null {
  if (parts.length === 0) return null
  return parts.length === 1 ? parts[0]! : `(${parts.join(' | ')})`
}

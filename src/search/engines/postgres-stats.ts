/**
 * How many papers hold a word, from PostgreSQL's own statistics of the tsvector column (ANALYZE
 * keeps the most common lexemes and their frequencies). The planner multiplies the frequencies of
 * the words of a query as if they were independent, which runs 10 times short for words that go
 * together ("dark matter"); the engine decides how to rank from an upper bound instead.
 */
import { type Kysely, sql } from 'kysely'
import type { Atom, ParsedQuery } from '../model.js'
import type { SearchDb } from './postgres-filters.js'

export interface LexemeStats {
  /** Papers holding the lexeme, or a word starting with it. */
  docs(token: string, prefix: boolean): number
}

/** The statistics, or null when the table was never analyzed. */
export async function readLexemeStats(q: Kysely<SearchDb>): Promise<LexemeStats | null> {
  const { rows } = await sql<{ lexemes: string[] | null; freqs: number[] | null; tuples: number }>`
    select s.most_common_elems::text::text[] as lexemes, s.most_common_elem_freqs as freqs, c.reltuples as tuples
    from pg_stats s join pg_class c on c.oid = 'search_documents'::regclass
    where s.schemaname = current_schema() and s.tablename = 'search_documents' and s.attname = 'document'`.execute(q)
  const row = rows[0]
  if (!row?.lexemes || !row.freqs || row.tuples <= 0) return null
  const tuples = row.tuples
  const frequency = new Map(row.lexemes.map((lexeme, i) => [lexeme, row.freqs![i]!]))
  // After the lexemes' own come the least and the greatest of them: a lexeme left out is rarer.
  const rare = (row.freqs[row.lexemes.length] ?? 0) * tuples
  return {
    docs(token, prefix) {
      if (!prefix) return (frequency.get(token) ?? 0) * tuples || rare
      let docs = rare
      for (const [lexeme, f] of frequency) if (lexeme.startsWith(token)) docs += f * tuples
      return docs
    },
  }
}

/**
 * At most how many papers the query's words match: a phrase no more than its rarest word, an OR
 * group no more than its atoms together, the query no more than its narrowest group.
 */
export function matchBound(query: ParsedQuery, stats: LexemeStats): number {
  const atomBound = (atom: Atom) =>
    Math.min(...atom.tokens.map((t, i) => stats.docs(t, atom.prefix && i === atom.tokens.length - 1)))
  const groups = query.groups.map((g) => g.reduce((sum, atom) => sum + atomBound(atom), 0))
  return groups.length > 0 ? Math.min(...groups) : Infinity
}

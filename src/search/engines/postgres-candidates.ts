/**
 * Candidate lists for frequent query atoms (docs/decisions/0016-search.md). Ranking every match
 * of a word in a third of the catalog takes seconds with ts_rank; the best papers for an atom
 * barely change between searches, so they are ranked once, stored, and each search re-ranks only
 * the union of its atoms' lists plus the papers written since the lists were built.
 */
import { sql } from 'kysely'
import type { Kysely } from 'kysely'
import { matches, rankOf, type SearchDb } from './postgres-filters.js'

/** Papers kept per atom: enough for the last page a search serves (MAX_RESULTS) after filters. */
export const CANDIDATES_PER_ATOM = 1000
/** Writes after which a list is rebuilt rather than searched beside the papers written since. */
const STALE_AFTER_WRITES = 20_000

export interface CandidateList {
  ids: string[]
  builtSeq: number
}

/** The stored lists of these atoms, building those missing or stale. */
export async function candidateLists(
  db: Kysely<SearchDb>,
  atoms: readonly string[],
  perAtom = CANDIDATES_PER_ATOM,
): Promise<CandidateList[]> {
  const stored = await db
    .selectFrom('search_candidates')
    .select(['atom', 'paper_ids', 'built_seq'])
    .where('atom', '=', sql<string>`any(${[...atoms]}::text[])`)
    .execute()
  const byAtom = new Map(stored.map((r) => [r.atom, { ids: r.paper_ids, builtSeq: Number(r.built_seq) }]))
  const current = await currentSeq(db)
  const lists: CandidateList[] = []
  for (const atom of atoms) {
    const list = byAtom.get(atom)
    lists.push(list && current - list.builtSeq < STALE_AFTER_WRITES ? list : await buildCandidates(db, atom, perAtom))
  }
  return lists
}

/** Ranks every match of one atom and stores the best CANDIDATES_PER_ATOM. */
export async function buildCandidates(
  db: Kysely<SearchDb>,
  atom: string,
  perAtom = CANDIDATES_PER_ATOM,
): Promise<CandidateList> {
  // Read before ranking: a paper written meanwhile is then searched beside the list.
  const builtSeq = await currentSeq(db)
  const rows = await db
    .selectFrom('search_documents as d')
    .select('d.paper_id')
    .where((eb) => matches(eb, atom))
    .orderBy(rankOf(atom), 'desc')
    .orderBy('d.paper_id')
    .limit(perAtom)
    .execute()
  const list = { ids: rows.map((r) => r.paper_id), builtSeq }
  await db
    .insertInto('search_candidates')
    .values({ atom, paper_ids: list.ids, built_seq: builtSeq })
    .onConflict((oc) =>
      oc.column('atom').doUpdateSet((eb) => ({
        paper_ids: eb.ref('excluded.paper_ids'),
        built_seq: eb.ref('excluded.built_seq'),
      })),
    )
    .execute()
  return list
}

/** The lexemes in at least `minDocs` papers, by PostgreSQL's statistics of the column (ANALYZE). */
export async function frequentLexemes(db: Kysely<SearchDb>, minDocs: number): Promise<string[]> {
  const { rows } = await sql<{ lexeme: string; docs: number }>`
    select e.lexeme, e.freq * greatest(c.reltuples, 0) as docs
    from pg_stats s
    join pg_class c on c.relname = s.tablename and c.relnamespace = (select oid from pg_namespace where nspname = s.schemaname)
    cross join lateral unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) as e(lexeme, freq)
    where s.tablename = 'search_documents' and s.attname = 'document' and s.schemaname = current_schema()`.execute(db)
  return rows.filter((r) => r.docs >= minDocs && r.lexeme).map((r) => r.lexeme)
}

async function currentSeq(db: Kysely<SearchDb>): Promise<number> {
  const row = await db
    .selectFrom('search_documents')
    .select((eb) => eb.fn.max('indexed_seq').as('seq'))
    .executeTakeFirst()
  return Number(row?.seq ?? 0)
}

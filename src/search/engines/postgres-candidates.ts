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
/**
 * Writes after which a list is rebuilt rather than searched beside the papers written since: each
 * of those is ranked anew by every search, at some 10 µs a paper.
 */
const STALE_AFTER_WRITES = 2_000

export interface CandidateList {
  ids: string[]
  /** Each paper's ts_rank for the atom when the list was built; still its rank while unchanged. */
  ranks: number[]
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
    .select(['atom', 'paper_ids', 'ranks', 'built_seq'])
    .where('atom', '=', sql<string>`any(${[...atoms]}::text[])`)
    .execute()
  const byAtom = new Map(
    stored.map((r) => [r.atom, { ids: r.paper_ids, ranks: r.ranks.map(Number), builtSeq: Number(r.built_seq) }]),
  )
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
    .select(['d.paper_id', rankOf(atom).as('rank')])
    .where((eb) => matches(eb, atom))
    .orderBy('rank', 'desc')
    .orderBy('d.paper_id')
    .limit(perAtom)
    .execute()
  const list = { ids: rows.map((r) => r.paper_id), ranks: rows.map((r) => r.rank), builtSeq }
  await db
    .insertInto('search_candidates')
    .values({ atom, paper_ids: list.ids, ranks: list.ranks, built_seq: builtSeq })
    .onConflict((oc) =>
      oc.column('atom').doUpdateSet((eb) => ({
        paper_ids: eb.ref('excluded.paper_ids'),
        ranks: eb.ref('excluded.ranks'),
        built_seq: eb.ref('excluded.built_seq'),
      })),
    )
    .execute()
  return list
}

/** The highest indexed_seq written: what a list or a rebuild counts later writes from. */
export async function currentSeq(db: Kysely<SearchDb>): Promise<number> {
  const row = await db
    .selectFrom('search_documents')
    .select((eb) => eb.fn.max('indexed_seq').as('seq'))
    .executeTakeFirst()
  return Number(row?.seq ?? 0)
}

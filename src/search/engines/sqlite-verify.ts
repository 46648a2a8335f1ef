/**
 * Which candidates match the whole query, asking FTS5 as little as possible: a candidate found in
 * the list of one of a group's atoms holds that group, so FTS5 checks only the groups a candidate
 * has no such evidence for, and the exclusions. FTS5 answers a `rowid IN (…)` check one rowid at
 * a time (~25 µs each for a word; a prefix re-expands for every rowid), so evidence saves most of
 * them. Dates, code and categories are checked on papers. An excluded prefix is still checked by
 * FTS5, one costly expansion per candidate (docs/decisions/0016-search.md).
 */
import { type RawBuilder, sql } from 'kysely'
import type { Db } from '../../platform/db/connect.js'
import type { Atom } from '../model.js'
import { type CandidatePool, listHolds } from './sqlite-bounded.js'
import { atomExpression, excludedExpression } from './sqlite-match.js'

export type Check = (rowids: readonly number[]) => Promise<Set<number>>

export function candidateCheck(
  db: Db,
  groups: readonly Atom[][],
  excluded: readonly Atom[],
  pool: CandidatePool,
  heads: ReadonlyMap<string, number>,
  paperConditions: RawBuilder<unknown> | null,
): Check {
  const groupKeys = groups.map((g) => g.map(atomExpression))
  // Per group, the lists (by their place among the pool's) of its atoms that have one.
  const groupLists = groupKeys.map((keys) => keys.flatMap((k) => (heads.has(k) ? [heads.get(k)!] : [])))
  const not = excludedExpression(excluded)
  return async (rowids) => {
    let passing = [...rowids]
    if (paperConditions) passing = await onPapers(db, passing, paperConditions)
    // Candidates by the groups they lack evidence for, one FTS5 check per distinct set.
    const byMissing = new Map<string, number[]>()
    for (const rowid of passing) {
      let key = ''
      groupLists.forEach((lists, i) => {
        if (!lists.some((head) => listHolds(pool, head, rowid))) key = key === '' ? String(i) : `${key},${i}`
      })
      const members = byMissing.get(key)
      if (members) members.push(rowid)
      else byMissing.set(key, [rowid])
    }
    const ok: number[] = []
    for (const [key, members] of byMissing) {
      if (key === '') ok.push(...members)
      // FTS5 re-expands a prefix for every rowid it checks (a pass over all its words' postings):
      // a candidate is taken for a prefix's group only on its list's evidence.
      else if (key.split(',').some((i) => groups[Number(i)]!.some((a) => a.prefix))) continue
      else {
        const expression = key
          .split(',')
          .map((i) => `(${groupKeys[Number(i)]!.join(' OR ')})`)
          .join(' AND ')
        ok.push(...(await inFts(db, expression, members)))
      }
    }
    if (!not) return new Set(ok)
    const rejected = new Set(await inFts(db, not, ok))
    return new Set(ok.filter((r) => !rejected.has(r)))
  }
}

/** Those of `rowids` that match `expression`. */
export async function inFts(db: Db, expression: string, rowids: readonly number[]): Promise<number[]> {
  if (rowids.length === 0) return []
  const { rows } = await sql<{ rowid: number }>`select rowid from search where search match ${expression}
    and rowid in (select value from json_each(${JSON.stringify(rowids)}))`.execute(db.kysely)
  return rows.map((r) => r.rowid)
}

async function onPapers(db: Db, rowids: readonly number[], conditions: RawBuilder<unknown>): Promise<number[]> {
  if (rowids.length === 0) return []
  const { rows } = await sql<{ rowid: number }>`select p.rowid as rowid from papers p
    where p.rowid in (select value from json_each(${JSON.stringify(rowids)})) and ${conditions}`.execute(db.kysely)
  return rows.map((r) => r.rowid)
}

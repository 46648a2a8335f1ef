/**
 * Which candidates match the whole query, asking FTS5 as little as possible: a candidate found in
 * the list of one of a group's atoms holds that group; else the atoms' member sets say whether it
 * holds any of them (sqlite-members.ts), so FTS5 checks only the groups and exclusions neither
 * answers (papers written since the sets were read, atoms too costly to read whole). FTS5 answers
 * a `rowid IN (…)` check one rowid at a time (~25 µs each for a word; a prefix re-expands for every
 * rowid). Dates are answered by a set of the papers in the range where one is kept, code and
 * categories (and dates no set answers) are checked on papers (docs/decisions/0016-search.md).
 */
import { type RawBuilder, sql } from 'kysely'
import type { Db } from '../../platform/db/connect.js'
import type { Atom } from '../model.js'
import { type CandidatePool, listHolds } from './sqlite-bounded.js'
import { atomExpression, excludedExpression } from './sqlite-match.js'
import type { MemberSet, Verdict } from './sqlite-members.js'

export type Check = (rowids: readonly number[]) => Promise<Set<number>>

/** An atom's member set (sqlite-members.ts), or null where reading one would cost more than it saves. */
export type MembersOf = (atom: Atom) => MemberSet | null

/** What a search asks of the papers' rows beyond the index: dates, code, categories. */
export interface PaperConditions {
  /** Every condition, ANDed: a paper the date set cannot answer is checked against these. */
  all: RawBuilder<unknown>
  /** The papers in the search's date range (sqlite-members.ts), when it has one and it was kept. */
  dates: MemberSet | null
  /** The conditions besides the dates; null when there are none. */
  rest: RawBuilder<unknown> | null
}

export function candidateCheck(
  db: Db,
  groups: readonly Atom[][],
  excluded: readonly Atom[],
  pool: CandidatePool,
  heads: ReadonlyMap<string, number>,
  paperConditions: PaperConditions | null,
  membersOf: MembersOf = () => null,
  /** Ask FTS5 of a prefix's group too: a walk by date must be exact, where candidates may skip it. */
  exact = false,
): Check {
  const groupKeys = groups.map((g) => g.map(atomExpression))
  // Per group, the lists (by their place among the pool's) of its atoms that have one.
  const groupLists = groupKeys.map((keys) => keys.flatMap((k) => (heads.has(k) ? [heads.get(k)!] : [])))
  const not = excludedExpression(excluded)
  // Read on the first check that needs them: a search whose candidates all carry evidence needs none.
  let sets: { groups: (MemberSet | null)[][]; excluded: (MemberSet | null)[] } | null = null
  const setsOf = () => (sets ??= { groups: groups.map((g) => g.map(membersOf)), excluded: excluded.map(membersOf) })
  return async (rowids) => {
    let passing = [...rowids]
    if (paperConditions) passing = await meetingConditions(db, passing, paperConditions)
    // Candidates by the groups neither a list nor a member set answers, one FTS5 check per distinct set.
    const byMissing = new Map<string, number[]>()
    for (const rowid of passing) {
      let key = ''
      let fails = false
      for (let i = 0; i < groupLists.length && !fails; i++) {
        if (groupLists[i]!.some((head) => listHolds(pool, head, rowid))) continue
        const verdict = anyHolds(setsOf().groups[i]!, rowid)
        if (verdict === false) fails = true
        else if (verdict === undefined) key = key === '' ? String(i) : `${key},${i}`
      }
      if (fails) continue
      const members = byMissing.get(key)
      if (members) members.push(rowid)
      else byMissing.set(key, [rowid])
    }
    const ok: number[] = []
    for (const [key, members] of byMissing) {
      if (key === '') ok.push(...members)
      // FTS5 re-expands a prefix for every rowid it checks (a pass over all its words' postings):
      // a candidate is taken for a prefix's group only on its list's evidence or its set's.
      else if (!exact && key.split(',').some((i) => groups[Number(i)]!.some((a) => a.prefix))) continue
      else {
        const expression = key
          .split(',')
          .map((i) => `(${groupKeys[Number(i)]!.join(' OR ')})`)
          .join(' AND ')
        ok.push(...(await inFts(db, expression, members)))
      }
    }
    if (!not) return new Set(ok)
    const kept: number[] = []
    const unsure: number[] = []
    for (const rowid of ok) {
      const verdict = anyHolds(setsOf().excluded, rowid)
      if (verdict === false) kept.push(rowid)
      else if (verdict === undefined) unsure.push(rowid)
    }
    const rejected = new Set(await inFts(db, not, unsure))
    return new Set([...kept, ...unsure.filter((r) => !rejected.has(r))])
  }
}

/** Whether the paper holds any of the atoms, by their sets: undefined when one that might is unknown. */
function anyHolds(sets: readonly (MemberSet | null)[], rowid: number): Verdict {
  let unknown = false
  for (const set of sets) {
    const verdict = set ? set.holds(rowid) : undefined
    if (verdict === true) return true
    if (verdict === undefined) unknown = true
  }
  return unknown ? undefined : false
}

/** Those of `rowids` that match `expression`. */
export async function inFts(db: Db, expression: string, rowids: readonly number[]): Promise<number[]> {
  if (rowids.length === 0) return []
  const { rows } = await sql<{ rowid: number }>`select rowid from search where search match ${expression}
    and rowid in (select value from json_each(${JSON.stringify(rowids)}))`.execute(db.kysely)
  return rows.map((r) => r.rowid)
}

/** Those of `rowids` that meet the conditions: by the date set where it tells, the rest on their rows. */
async function meetingConditions(db: Db, rowids: readonly number[], { all, dates, rest }: PaperConditions) {
  if (!dates) return onPapers(db, rowids, all)
  const inRange: number[] = []
  const unknown: number[] = []
  for (const rowid of rowids) {
    const verdict = dates.holds(rowid)
    if (verdict === true) inRange.push(rowid)
    else if (verdict === undefined) unknown.push(rowid)
  }
  const [met, checked] = await Promise.all([rest ? onPapers(db, inRange, rest) : inRange, onPapers(db, unknown, all)])
  return [...met, ...checked]
}

async function onPapers(db: Db, rowids: readonly number[], conditions: RawBuilder<unknown>): Promise<number[]> {
  if (rowids.length === 0) return []
  const { rows } = await sql<{ rowid: number }>`select p.rowid as rowid from papers p
    where p.rowid in (select value from json_each(${JSON.stringify(rowids)})) and ${conditions}`.execute(db.kysely)
  return rows.map((r) => r.rowid)
}

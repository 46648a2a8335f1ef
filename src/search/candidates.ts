/**
 * The bounded-candidate logic both engines can share: the boost applied to the best matches, and
 * the threshold bookkeeping that tells when a top-k drawn from per-term candidate lists is exact
 * (docs/decisions/0016-search.md). Pure: values in, values out.
 */
import { boostedScore } from './boost.js'
import type { Ranked } from './engine.js'

/**
 * The best this many matches by text score are re-ordered by the boosted score; below them the
 * text order stands. A fixed window keeps every page of one search in one order, however deep.
 */
export const BOOST_WINDOW = 200

export interface Scored {
  id: string
  /** Text relevance, higher is better. */
  score: number
  publishedAt: string | null
  upvotes: number
}

/** Matches in text-score order (best first) → the served order: the top BOOST_WINDOW boosted. */
export function rerankWithBoost(matches: readonly Scored[], now: number): Ranked[] {
  const head = matches.slice(0, BOOST_WINDOW).map((m) => ({
    id: m.id,
    score: boostedScore(m.score, m.publishedAt, m.upvotes, now),
  }))
  // Ties keep the text order (Array.prototype.sort is stable), and then the id for equal texts.
  head.sort((a, b) => b.score - a.score)
  return head.concat(matches.slice(BOOST_WINDOW).map((m) => ({ id: m.id, score: m.score })))
}

/** How many text-ranked matches a page needs so that its boosted order is right. */
export function rowsForPage(offset: number, limit: number): number {
  return Math.max(BOOST_WINDOW, offset + limit)
}

/** One term's candidate list: its best papers by their own share of the score, best first. */
export interface TermList {
  rowids: Int32Array
  /** Each paper's contribution to the score from this term (positive, descending). */
  impacts: Float64Array
  /** Whether the list holds every paper the term matches (then an unseen paper scores 0 from it). */
  complete: boolean
}

/**
 * The most a paper missing from every list can score: the sum over terms of the last (lowest)
 * impact in each incomplete list. bm25 is a sum over the query's terms, so this bounds it.
 */
export function unseenBound(lists: readonly TermList[]): number {
  let bound = 0
  for (const list of lists) {
    if (!list.complete && list.impacts.length > 0) bound += list.impacts[list.impacts.length - 1]!
  }
  return bound
}

/**
 * The candidates to score exactly, most promising first: the union of the lists, ordered by the
 * sum of the impacts known for each paper plus, for a list it is missing from, that list's bound.
 */
export function candidateOrder(lists: readonly TermList[]): { rowids: number[]; bounds: number[] } {
  const known = new Map<number, number>()
  const seenIn = new Map<number, number>()
  lists.forEach((list, i) => {
    for (let j = 0; j < list.rowids.length; j++) {
      const rowid = list.rowids[j]!
      known.set(rowid, (known.get(rowid) ?? 0) + list.impacts[j]!)
      seenIn.set(rowid, (seenIn.get(rowid) ?? 0) | (1 << Math.min(i, 30)))
    }
  })
  const floors = lists.map((l) => (l.complete || l.impacts.length === 0 ? 0 : l.impacts[l.impacts.length - 1]!))
  const entries = [...known].map(([rowid, sum]) => {
    const mask = seenIn.get(rowid)!
    let bound = sum
    floors.forEach((floor, i) => {
      if (!(mask & (1 << Math.min(i, 30)))) bound += floor
    })
    return { rowid, bound }
  })
  entries.sort((a, b) => b.bound - a.bound || a.rowid - b.rowid)
  return { rowids: entries.map((e) => e.rowid), bounds: entries.map((e) => e.bound) }
}

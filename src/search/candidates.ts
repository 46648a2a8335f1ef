/**
 * The bounded-candidate logic both engines can share: the boost applied to the best matches, and
 * the threshold bookkeeping that tells when a top-k drawn from per-term candidate lists is exact
 * (docs/decisions/0016-search.md). Pure: values in, values out.
 */
import { boostedScore, MOST_BOOSTED } from './boost.js'
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
  /** As `Ranked.rowid`. */
  rowid?: number
}

/** A match as ranked, with `score` for its text score. */
export function asRanked(m: Scored, score = m.score): Ranked {
  return m.rowid === undefined ? { id: m.id, score } : { id: m.id, score, rowid: m.rowid }
}

/** Matches in text-score order (best first) → the served order: the top BOOST_WINDOW boosted. */
export function rerankWithBoost(matches: readonly Scored[], now: number): Ranked[] {
  const head = matches
    .slice(0, BOOST_WINDOW)
    .map((m) => asRanked(m, boostedScore(m.score, m.publishedAt, m.upvotes, now)))
  // Ties keep the text order (Array.prototype.sort is stable), and then the id for equal texts.
  head.sort((a, b) => b.score - a.score)
  return head.concat(matches.slice(BOOST_WINDOW).map((m) => asRanked(m)))
}

/** How many text-ranked matches a page needs so that its boosted order is right. */
export function rowsForPage(offset: number, limit: number): number {
  return Math.max(BOOST_WINDOW, offset + limit)
}

/**
 * Of text-ranked matches (best first, as many as `rowsForPage` asks), the first ones that can still
 * reach the page in the boosted order: the page's results, as `rerankWithBoost` orders them, are
 * the same from these as from all of them. The k-th best text score (k the page's end) is a floor
 * for the k-th best boosted one, and a boost multiplies a score by at most MOST_BOOSTED, so a match
 * whose best boosted score stays under that floor is never shown on the page. Each match weighed
 * for the boost costs the engine a paper's row for its date and votes; most searches need far fewer
 * than BOOST_WINDOW of them.
 */
export function mayReachPage<T extends { score: number }>(
  ranked: readonly T[],
  offset: number,
  limit: number,
): readonly T[] {
  const end = offset + limit
  if (end > BOOST_WINDOW || ranked.length <= end) return ranked
  const floor = ranked[end - 1]!.score
  // The bound holds for positive scores only, which every engine hands in; otherwise weigh them all.
  if (!(floor > 0)) return ranked
  let n = end
  while (n < ranked.length && ranked[n]!.score * MOST_BOOSTED >= floor) n++
  return ranked.slice(0, n)
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

/**
 * The small boosts on top of text relevance (docs/decisions/0016-search.md): a newer paper and a
 * paper readers upvoted rank a little higher among papers that match about as well. Each boost is
 * at most BOOST_MAX of the score, so a paper that matches clearly better always stays ahead.
 */

/** The most either boost adds, as a fraction of the text score. */
export const BOOST_MAX = 0.1
/**
 * The most both boosts together multiply a (positive) text score by. Computed by `boostFactor` itself
 * so that it bounds the rounded factor: 1 + 0.1 + 0.1 is 1.2000000000000002 in floating point, not
 * 1 + 0.2, and a bound 2e-16 too low once dropped a fully boosted match from a page.
 */
export const MOST_BOOSTED = boostFactor(1, 1)
/** A paper's recency boost halves every this many days. */
export const RECENCY_HALF_LIFE_DAYS = 365
/** Upvotes at which the vote boost reaches its maximum (counted on a log scale below that). */
export const UPVOTES_FOR_FULL_BOOST = 500

const DAY_MS = 86_400_000

/** The boosted score of a text score (higher is better; engines hand in a positive relevance). */
export function boostedScore(score: number, publishedAt: string | null, upvotes: number, now: number): number {
  const ageDays = publishedAt ? Math.max(0, (now - Date.parse(publishedAt)) / DAY_MS) : Infinity
  const recency = Number.isFinite(ageDays) ? 0.5 ** (ageDays / RECENCY_HALF_LIFE_DAYS) : 0
  const votes = Math.min(1, Math.log1p(Math.max(0, upvotes)) / Math.log1p(UPVOTES_FOR_FULL_BOOST))
  return score * boostFactor(recency, votes)
}

/** The factor for a recency and a vote share, each in [0, 1]; rounding keeps it monotone in both. */
function boostFactor(recency: number, votes: number): number {
  return 1 + BOOST_MAX * recency + BOOST_MAX * votes
}

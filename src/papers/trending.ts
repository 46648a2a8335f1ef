/**
 * Trending = upvotes decayed by the time since the paper was featured: a paper's weight halves
 * every HALF_LIFE_HOURS. Ranking by (upvotes + 1) · 2^(-(now - featuredAt) / H) is the same as
 * ranking by log2(upvotes + 1) + featuredAt / H, because the `now` term is shared by every paper.
 * That second form does not change as time passes, so it is computed when a paper is written
 * and kept in the indexed `trending_score` column (docs/decisions/0003-trending-score.md).
 */
export const HALF_LIFE_HOURS = 24 // a day-old paper needs twice the upvotes to rank beside today's

const HOUR_MS = 3_600_000

export function trendingScore(upvotes: number, featuredAt: string | null): number {
  const hours = featuredAt ? Date.parse(featuredAt) / HOUR_MS : 0
  return Math.log2(Math.max(0, upvotes) + 1) + hours / HALF_LIFE_HOURS
}

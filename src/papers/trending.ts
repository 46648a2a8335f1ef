/**
 * Trending = a paper's interest decayed by the time since it was featured: its weight halves every
 * HALF_LIFE_HOURS. Interest is its upvotes plus its comments at COMMENT_WEIGHT each. Ranking by
 * (interest + 1) · 2^(-(now - featuredAt) / H) is the same as ranking by
 * log2(interest + 1) + featuredAt / H, because the `now` term is shared by every paper. That second
 * form does not change as time passes, so it is computed whenever a paper's counts change (the
 * import, a vote, a comment: papers/activity.ts) and kept in the indexed `trending_score` column
 * (docs/decisions/0003-trending-score.md, 0020-votes-and-trending.md).
 */
export const HALF_LIFE_HOURS = 24 // a day-old paper needs twice the interest to rank beside today's

/**
 * A comment is a stronger sign than a vote but one reader can write many (a thread of replies),
 * while a reader has one vote: half a vote each keeps a long argument from outranking a paper many
 * people liked.
 */
export const COMMENT_WEIGHT = 0.5

const HOUR_MS = 3_600_000

export interface Activity {
  /** Shown upvotes: imported and local. */
  upvotes: number
  /** Shown comments: imported and local. */
  comments: number
}

export function trendingScore(activity: Activity, featuredAt: string | null): number {
  const hours = featuredAt ? Date.parse(featuredAt) / HOUR_MS : 0
  const interest = Math.max(0, activity.upvotes) + COMMENT_WEIGHT * Math.max(0, activity.comments)
  return Math.log2(interest + 1) + hours / HALF_LIFE_HOURS
}

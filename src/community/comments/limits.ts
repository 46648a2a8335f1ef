import type { Limit } from '../../platform/http/rate-limit.js'
import type { RateLimits } from '../../platform/http/rate-limit.js'

/**
 * Comments a member may post: a burst of conversation fits in a minute's ten, a day's two hundred
 * is far past any real discussion and well short of flooding a site.
 */
export const COMMENTS_PER_MINUTE: Limit = { name: 'comment-minute', points: 10, durationS: 60 }
export const COMMENTS_PER_DAY: Limit = { name: 'comment-day', points: 200, durationS: 24 * 3600 }

/** Counts one new comment of `userId`, or throws a 429 with Retry-After. */
export async function consumeCommentLimits(limits: RateLimits, userId: number): Promise<void> {
  const key = String(userId)
  await limits.consume(COMMENTS_PER_MINUTE, key, 'You are commenting too fast. Wait a minute and try again.')
  await limits.consume(
    COMMENTS_PER_DAY,
    key,
    'You have posted as many comments as a day allows here. Try again tomorrow.',
  )
}

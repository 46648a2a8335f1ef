import { z } from 'zod'
import type { Db } from '../../platform/db/connect.js'
import { HttpError } from '../../platform/http/http-error.js'
import { COMMENT_ORDERS, type CommentOrder, DEFAULT_COMMENT_ORDER } from './model.js'
import { paperComments } from './store.js'
import { buildThreads, countComments, type ThreadNode } from './thread.js'

/** A paper's discussion as its page shows it. */
export interface Discussion {
  paperId: string
  threads: ThreadNode[]
  /** Comments that count (neither deleted nor hidden). */
  count: number
  order: CommentOrder
  /** The page's clock: what "5 minutes ago" and the edit window are measured from. */
  now: number
}

const commentOrder = z.enum(COMMENT_ORDERS).optional()

/** The discussion's order a request asks for (the default when it asks none); 400 for one there is not. */
export function commentOrderOf(asked: string | undefined, param = 'comments'): CommentOrder {
  const parsed = commentOrder.safeParse(asked)
  if (!parsed.success) throw new HttpError(400, `${param} must be ${COMMENT_ORDERS.join(', ')}`)
  return parsed.data ?? DEFAULT_COMMENT_ORDER
}

/**
 * Loads a paper's discussion in the order asked for (`?comments=` on the page, `?sort=` in the
 * API: `param` names it in the 400 for an order it does not know).
 */
export async function loadDiscussion(
  db: Db,
  paperId: string,
  asked: string | undefined,
  now: number,
  param = 'comments',
): Promise<Discussion> {
  const order = commentOrderOf(asked, param)
  const comments = await paperComments(db, paperId)
  return { paperId, threads: buildThreads(comments, order), count: countComments(comments), order, now }
}

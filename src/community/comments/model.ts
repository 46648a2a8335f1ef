/** A comment as the pages and the API show it. */
export interface Comment {
  id: number
  paperId: string
  /** The comment it answers; null for one that starts a thread. */
  parentId: number | null
  userId: number
  /** Who wrote it; null once their account was deleted (shown as "[deleted]"). */
  author: CommentAuthor | null
  /** The Markdown source; empty once deleted. */
  body: string
  createdAt: string
  editedAt: string | null
  deletedAt: string | null
  hiddenAt: string | null
}

export interface CommentAuthor {
  username: string
  displayName: string
}

/** The orders a paper's threads can be read in (`?comments=`); replies always read oldest first. */
export const COMMENT_ORDERS = ['oldest', 'newest', 'top'] as const
export type CommentOrder = (typeof COMMENT_ORDERS)[number]
/** Oldest first: a discussion reads as it happened, and a submitter's first comment stays first. */
export const DEFAULT_COMMENT_ORDER: CommentOrder = 'oldest'

/** Long enough to fix a typo just noticed, short enough that replies don't answer a moved target. */
export const EDIT_WINDOW_MS = 15 * 60_000

import { type Comment, type CommentOrder, EDIT_WINDOW_MS } from './model.js'

/** A comment with its replies, as a paper's discussion nests them. */
export interface ThreadNode {
  comment: Comment
  replies: ThreadNode[]
  /** Replies below it at any depth that are not deleted: what "top" orders by. */
  discussion: number
}

/**
 * A paper's comments as threads, in `order` (replies oldest first under their parent). A deleted
 * comment stays only while replies below it do, as the "[comment deleted]" they answer; one that
 * nobody answered leaves nothing behind.
 */
export function buildThreads(comments: readonly Comment[], order: CommentOrder): ThreadNode[] {
  const byParent = new Map<number | null, Comment[]>()
  const ids = new Set(comments.map((c) => c.id))
  for (const c of comments) {
    const parent = c.parentId !== null && ids.has(c.parentId) ? c.parentId : null
    byParent.set(parent, [...(byParent.get(parent) ?? []), c])
  }
  const build = (c: Comment): ThreadNode | null => {
    const replies = (byParent.get(c.id) ?? []).sort(oldestFirst).flatMap((r) => build(r) ?? [])
    if (c.deletedAt && replies.length === 0) return null
    const discussion = replies.reduce((n, r) => n + r.discussion + (r.comment.deletedAt ? 0 : 1), 0)
    return { comment: c, replies, discussion }
  }
  const roots = (byParent.get(null) ?? []).flatMap((c) => build(c) ?? [])
  return roots.sort(ORDERS[order])
}

const oldestFirst = (a: Comment, b: Comment) => a.id - b.id

const ORDERS: Record<CommentOrder, (a: ThreadNode, b: ThreadNode) => number> = {
  oldest: (a, b) => a.comment.id - b.comment.id,
  newest: (a, b) => b.comment.id - a.comment.id,
  // The threads that drew the most replies first (docs/decisions/0021-comments.md); among equals,
  // the newer, which has had less time to draw them.
  top: (a, b) => b.discussion - a.discussion || b.comment.id - a.comment.id,
}

/** Comments that count: neither deleted by their author nor hidden by a moderator. */
export function countsAsComment(c: Pick<Comment, 'deletedAt' | 'hiddenAt'>): boolean {
  return c.deletedAt === null && c.hiddenAt === null
}

/** How many of a paper's comments count: what its discussion heading says. */
export function countComments(comments: readonly Comment[]): number {
  return comments.filter(countsAsComment).length
}

/** Whether `userId` may still edit `c` at `now`: theirs, live, and within the edit window. */
export function canEdit(c: Comment, userId: number | undefined, now: number): boolean {
  return c.userId === userId && c.deletedAt === null && c.hiddenAt === null && !isPastEditWindow(c, now)
}

export function isPastEditWindow(c: Pick<Comment, 'createdAt'>, now: number): boolean {
  return now - Date.parse(c.createdAt) >= EDIT_WINDOW_MS
}

/** Whether `userId` may delete `c`: theirs and not deleted already. */
export function canDelete(c: Comment, userId: number | undefined): boolean {
  return c.userId === userId && c.deletedAt === null
}

import { describe, expect, it } from 'vitest'
import type { Comment } from './model.js'
import { buildThreads, canDelete, canEdit } from './thread.js'

const T0 = Date.parse('2026-12-03T10:00:00Z')

function comment(id: number, parentId: number | null = null, extra: Partial<Comment> = {}): Comment {
  return {
    id,
    paperId: '2401.00001',
    parentId,
    userId: 1,
    author: { username: 'ada', displayName: 'Ada' },
    body: `comment ${id}`,
    createdAt: new Date(T0 + id * 1000).toISOString(),
    editedAt: null,
    deletedAt: null,
    hiddenAt: null,
    ...extra,
  }
}

const shape = (nodes: ReturnType<typeof buildThreads>): unknown =>
  nodes.map((n) => (n.replies.length ? [n.comment.id, shape(n.replies)] : n.comment.id))

describe('threads', () => {
  const comments = [comment(1), comment(2), comment(3, 1), comment(4, 3), comment(5, 2), comment(6, 1), comment(7)]

  it('nest replies under their parent, oldest first, in each order', () => {
    expect(shape(buildThreads(comments, 'oldest'))).toEqual([[1, [[3, [4]], 6]], [2, [5]], 7])
    expect(shape(buildThreads(comments, 'newest'))).toEqual([7, [2, [5]], [1, [[3, [4]], 6]]])
  })

  it('put the threads with the most replies first for top, the newer among equals', () => {
    expect(shape(buildThreads([...comments, comment(8, 7)], 'top'))).toEqual([
      [1, [[3, [4]], 6]],
      [7, [8]],
      [2, [5]],
    ])
  })

  it('keep a deleted comment that has replies, and drop one that has none', () => {
    const deleted = { deletedAt: new Date(T0).toISOString(), body: '' }
    const nodes = buildThreads([comment(1, null, deleted), comment(2, 1), comment(3, null, deleted)], 'oldest')
    expect(shape(nodes)).toEqual([[1, [2]]])
  })

  it('drop a deleted chain nobody live answers', () => {
    const deleted = { deletedAt: new Date(T0).toISOString(), body: '' }
    expect(shape(buildThreads([comment(1), comment(2, 1, deleted), comment(3, 2, deleted)], 'oldest'))).toEqual([1])
  })
})

describe('edit and delete rights', () => {
  const c = comment(1)
  const created = Date.parse(c.createdAt)

  it('let the author edit for 15 minutes, then not', () => {
    expect(canEdit(c, 1, created + 14 * 60_000)).toBe(true)
    expect(canEdit(c, 1, created + 15 * 60_000)).toBe(false)
    expect(canEdit(c, 2, created)).toBe(false)
  })

  it('let only the author delete, once', () => {
    expect(canDelete(c, 1)).toBe(true)
    expect(canDelete(c, 2)).toBe(false)
    expect(canDelete({ ...c, deletedAt: c.createdAt }, 1)).toBe(false)
  })
})

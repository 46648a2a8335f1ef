import { type Context, Hono } from 'hono'
import { z } from 'zod'
import { HttpError } from '../../platform/http/http-error.js'
import { currentViewer } from '../../platform/http/viewer.js'
import { requireApiViewer } from '../accounts/api-tokens.js'
import { avatarPath } from '../profiles/avatar.js'
import type { CommunityDeps } from '../routes.js'
import { MAX_ID } from './body.js'
import { loadDiscussion } from './discussion.js'
import { consumeCommentLimits } from './limits.js'
import { renderCommentMarkdown } from './markdown.js'
import type { Comment } from './model.js'
import { commentIdParam, paperIdParam } from './params.js'
import { commentLink } from './paths.js'
import { addComment, hasPaper, deleteComment, editComment, checkCommentBody } from './store.js'
import type { ThreadNode } from './thread.js'

/** A comment in the write API's snake_case (openapi.ts describes it). */
export interface ApiComment {
  id: number
  paper_id: string
  parent_id: number | null
  author: { username: string; display_name: string; avatar_url: string } | null
  /** Markdown source; empty when deleted, or hidden and the reader is not an admin. */
  body: string
  body_html: string
  created_at: string
  edited_at: string | null
  deleted: boolean
  hidden: boolean
  url: string
}

const newCommentJson = z.strictObject({
  body: z.string({ message: 'body must be the comment’s text' }),
  parent_id: z
    .number({ message: 'parent_id must be a comment id' })
    .int('parent_id must be a comment id')
    .min(1, 'parent_id must be a comment id')
    .max(MAX_ID, 'parent_id must be a comment id')
    .nullish(),
})
const editJson = z.strictObject({ body: z.string({ message: 'body must be the comment’s text' }) })

/**
 * `/api/v1` for comments: a paper's discussion for anyone; with a personal access token, comment,
 * reply, edit and delete, under the same rules as the page's forms.
 */
export function commentsApi({ db, site, limits, now }: CommunityDeps): Hono {
  const app = new Hono()
  const toApi = (c: Comment): ApiComment => {
    const visible = !c.deletedAt && (!c.hiddenAt || currentViewer()?.role === 'admin')
    const body = visible ? c.body : ''
    return {
      id: c.id,
      paper_id: c.paperId,
      parent_id: c.parentId,
      author:
        c.author && !c.deletedAt
          ? {
              username: c.author.username,
              display_name: c.author.displayName,
              avatar_url: `${site.baseUrl}${avatarPath(c.author.username)}`,
            }
          : null,
      body,
      body_html: body ? renderCommentMarkdown(body) : '',
      created_at: c.createdAt,
      edited_at: c.editedAt,
      deleted: c.deletedAt !== null,
      hidden: c.hiddenAt !== null,
      url: `${site.baseUrl}${commentLink(c.paperId, c.id)}`,
    }
  }

  app.get('/api/v1/papers/:id/comments', async (c) => {
    const paperId = paperIdParam(c)
    if (!(await hasPaper(db, paperId))) throw new HttpError(404, `The catalog has no paper ${paperId}.`)
    const discussion = await loadDiscussion(db, paperId, c.req.query('sort'), now(), 'sort')
    const flat: ApiComment[] = []
    const walk = (nodes: ThreadNode[]) =>
      nodes.forEach((n) => {
        flat.push(toApi(n.comment))
        walk(n.replies)
      })
    walk(discussion.threads)
    return c.json({ paper_id: paperId, order: discussion.order, count: discussion.count, comments: flat })
  })

  app.post('/api/v1/papers/:id/comments', async (c) => {
    const viewer = requireApiViewer({ verified: true })
    const paperId = paperIdParam(c)
    const input = await jsonBody(c, newCommentJson)
    checkCommentBody(input.body) // a refused comment costs nothing of the rate limit
    await consumeCommentLimits(limits, viewer.id)
    const comment = await addComment(
      db,
      { paperId, userId: viewer.id, body: input.body, parentId: input.parent_id ?? null },
      now(),
    )
    return c.json(toApi(comment), 201, { Location: `/api/v1/comments/${comment.id}` })
  })

  app.patch('/api/v1/comments/:id', async (c) => {
    const viewer = requireApiViewer()
    const id = commentIdParam(c)
    const input = await jsonBody(c, editJson)
    return c.json(toApi(await editComment(db, id, viewer.id, input.body, now())))
  })

  app.delete('/api/v1/comments/:id', async (c) => {
    const viewer = requireApiViewer()
    await deleteComment(db, commentIdParam(c), viewer.id, now())
    return c.body(null, 204)
  })

  return app
}

async function jsonBody<T>(c: Context, schema: z.ZodType<T>): Promise<T> {
  const value: unknown = await c.req.json().catch(() => {
    throw new HttpError(400, 'The request body must be JSON, such as {"body": "…"}.')
  })
  const parsed = schema.safeParse(value)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new HttpError(400, issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'The JSON is wrong.')
  }
  return parsed.data
}

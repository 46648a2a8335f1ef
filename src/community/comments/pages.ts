import { type Context, Hono } from 'hono'
import { HttpError } from '../../platform/http/http-error.js'
import { readForm, signedIn } from '../accounts/forms.js'
import type { CommunityDeps } from '../routes.js'
import { parseCommentId } from './body.js'
import { consumeCommentLimits } from './limits.js'
import { commentIdParam, paperIdParam } from './params.js'
import { commentLink, discussionPath } from './paths.js'
import { addComment, deleteComment, editComment, checkCommentBody, findComment } from './store.js'

/**
 * The comment forms of a paper's page: comment or reply, edit, delete. Each answers 303 back to the
 * comment on the paper's page; what is wrong with a request is a 4xx page that says so.
 */
export function commentPages({ db, limits, now }: CommunityDeps): Hono {
  const app = new Hono()

  app.post('/papers/:id/comments', async (c) => {
    const paperId = paperIdParam(c)
    const viewer = signedIn(c, discussionPath(paperId), { verified: true })
    if (viewer instanceof Response) return viewer
    const form = await readForm(c)
    const parentId = form.parent ? parseCommentId(form.parent) : null
    if (form.parent && parentId === null) throw new HttpError(400, 'The comment to reply to is not a comment id.')
    checkCommentBody(form.body ?? '') // a refused comment costs nothing of the rate limit
    await consumeCommentLimits(limits, viewer.id)
    const comment = await addComment(db, { paperId, userId: viewer.id, body: form.body ?? '', parentId }, now())
    return c.redirect(commentLink(paperId, comment.id), 303)
  })

  app.post('/comments/:id/edit', async (c) => {
    const comment = await commentParam(c)
    const viewer = signedIn(c, commentLink(comment.paperId, comment.id))
    if (viewer instanceof Response) return viewer
    const form = await readForm(c)
    await editComment(db, comment.id, viewer.id, form.body ?? '', now())
    return c.redirect(commentLink(comment.paperId, comment.id), 303)
  })

  app.post('/comments/:id/delete', async (c) => {
    const comment = await commentParam(c)
    const viewer = signedIn(c, commentLink(comment.paperId, comment.id))
    if (viewer instanceof Response) return viewer
    await readForm(c)
    await deleteComment(db, comment.id, viewer.id, now())
    return c.redirect(commentLink(comment.paperId, comment.id), 303)
  })

  const commentParam = async (c: Context) => {
    const comment = await findComment(db, commentIdParam(c))
    if (!comment) throw new HttpError(404, 'There is no such comment.')
    return comment
  }

  return app
}

import type { Context } from 'hono'
import { parsePaperId } from '../../papers/arxiv-id.js'
import { HttpError } from '../../platform/http/http-error.js'
import { parseCommentId } from './body.js'

/** The paper of a comments route: an arXiv id without a version, else a 404. */
export function paperIdParam(c: Context): string {
  const raw = c.req.param('id') ?? ''
  const parsed = parsePaperId(raw)
  if (!parsed || parsed.version !== null) throw new HttpError(404, `“${raw.slice(0, 60)}” is not a paper id.`)
  return parsed.id
}

/** The comment id of a route, else a 404 (an id no database could hold names no comment). */
export function commentIdParam(c: Context): number {
  const id = parseCommentId(c.req.param('id'))
  if (id === null) throw new HttpError(404, 'There is no such comment.')
  return id
}

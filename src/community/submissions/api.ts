import { Hono } from 'hono'
import { z } from 'zod'
import { paperPath } from '../../papers/paths.js'
import { toDay } from '../../papers/period.js'
import { readJson } from '../../platform/http/json-body.js'
import { requireApiViewer } from '../accounts/api-tokens.js'
import type { CommunityDeps } from '../routes.js'
import { SUBMIT_ATTEMPTS, SUBMIT_ATTEMPTS_MESSAGE } from './pages.js'
import { loadSubmitRules, type SubmitRules } from './settings.js'
import { COMMENT_MAX, submitPaper } from './submit.js'

export const SUBMISSIONS_API = '/api/v1/submissions'

const body = z.object({
  paper: z.string().max(300, 'an arXiv id or link has at most 300 characters'),
  comment: z.string().max(COMMENT_MAX, `at most ${COMMENT_MAX} characters`).optional(),
})

/** `POST /api/v1/submissions`: what the /submit form does, for a personal access token. */
export function submissionsApi(deps: CommunityDeps, rules: SubmitRules = loadSubmitRules()): Hono {
  const { db, site, lookup, now, limits } = deps
  const app = new Hono()
  app.post(SUBMISSIONS_API, async (c) => {
    const viewer = requireApiViewer({ verified: true })
    const input = await readJson(c, body)
    await limits.consume(SUBMIT_ATTEMPTS, `user:${viewer.id}`, SUBMIT_ATTEMPTS_MESSAGE)
    const at = now()
    const paper = await submitPaper({ db, lookup, rules, baseUrl: site.baseUrl, now: at }, viewer, {
      paper: input.paper,
      comment: input.comment ?? '',
    })
    return c.json(
      {
        paper_id: paper.id,
        title: paper.title,
        featured_on: toDay(at),
        submitted_by: viewer.username,
        url: `${site.baseUrl}${paperPath(paper.id)}`,
      },
      201,
    )
  })
  return app
}

import { Hono } from 'hono'
import { paperPath } from '../../papers/paths.js'
import { HttpError } from '../../platform/http/http-error.js'
import type { Limit } from '../../platform/http/rate-limit.js'
import { readForm, signedIn } from '../accounts/forms.js'
import type { CommunityDeps } from '../routes.js'
import { loadSubmitRules, type SubmitRules } from './settings.js'
import { SubmissionRefused, submitPaper } from './submit.js'
import { SUBMIT_PATH, SubmitPage } from './views.js'

const NO_STORE = { 'Cache-Control': 'no-store' }

/**
 * Attempts, as opposed to submissions (the per-day rule counts those): each attempt for a paper
 * the catalog lacks may cost an arXiv request, so a member gets a few dozen an hour.
 */
export const SUBMIT_ATTEMPTS: Limit = { name: 'submit', points: 30, durationS: 3600 }
export const SUBMIT_ATTEMPTS_MESSAGE = 'Too many submission attempts in an hour; wait a while and try again.'

/** `/submit`: the form, and its POST for a signed-in member with a confirmed address. */
export function submissionPages(deps: CommunityDeps, rules: SubmitRules = loadSubmitRules()): Hono {
  const { db, site, lookup, now, limits } = deps
  const app = new Hono()

  app.get(SUBMIT_PATH, (c) => {
    const viewer = signedIn(c, SUBMIT_PATH, { verified: true })
    if (viewer instanceof Response) return viewer
    return c.html(
      <SubmitPage site={site} rules={rules} values={{ paper: c.req.query('paper')?.slice(0, 300) }} />,
      200,
      NO_STORE,
    )
  })

  app.post(SUBMIT_PATH, async (c) => {
    const viewer = signedIn(c, SUBMIT_PATH, { verified: true })
    if (viewer instanceof Response) return viewer
    const form = await readForm(c)
    const values = { paper: form.paper ?? '', comment: form.comment ?? '' }
    try {
      await limits.consume(SUBMIT_ATTEMPTS, `user:${viewer.id}`, SUBMIT_ATTEMPTS_MESSAGE)
      const paper = await submitPaper({ db, lookup, rules, baseUrl: site.baseUrl, now: now() }, viewer, values)
      return c.redirect(paperPath(paper.id), 303)
    } catch (error) {
      if (!(error instanceof HttpError)) throw error
      const field = error instanceof SubmissionRefused ? error.field : 'form'
      // What was typed stays in the form; NUL bytes are dropped so the page is well-formed HTML.
      const kept = {
        paper: values.paper.replace(/\u0000/g, '').slice(0, 300),
        comment: values.comment.replace(/\u0000/g, ''),
      }
      return c.html(
        <SubmitPage site={site} rules={rules} values={kept} errors={{ [field]: error.message }} />,
        error.status,
        {
          ...NO_STORE,
          ...error.headers,
        },
      )
    }
  })

  return app
}

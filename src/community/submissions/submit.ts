import { addComment } from '../comments/store.js'
import { avatarUrl } from '../profiles/avatar.js'
import { findArxivId } from '../../papers/arxiv-id.js'
import { findPaper, type PaperLookup } from '../../papers/lookup.js'
import type { Paper } from '../../papers/model.js'
import { periodContaining, toDay } from '../../papers/period.js'
import { countFeatured } from '../../papers/store.js'
import { featurePaper } from '../../papers/upsert.js'
import type { Db } from '../../platform/db/connect.js'
import { HttpError } from '../../platform/http/http-error.js'
import type { Viewer } from '../../platform/http/viewer.js'
import { dayBefore, memberRefusal, paperRefusal, placeFreesAt, type Refusal } from './rules.js'
import type { SubmitRules } from './settings.js'
import { forgetSubmission, recordSubmission, submissionsSince } from './store.js'

/** What a member sends: an arXiv id or link, and what they want to say about the paper. */
export interface SubmissionInput {
  paper: string
  comment: string
}

export interface SubmitContext {
  db: Db
  lookup?: PaperLookup
  rules: SubmitRules
  baseUrl: string
  now: number
}

/** Which field a refusal is about, so the form can show it beside that field. */
export class SubmissionRefused extends HttpError {
  constructor(
    status: 400 | 404 | 409 | 429 | 503,
    message: string,
    readonly field: 'paper' | 'comment' | 'form',
    headers?: Record<string, string>,
  ) {
    super(status, message, headers ? { headers } : undefined)
  }
}

export const COMMENT_MAX = 10_000 // the comments feature's limit too: a first comment is a comment

/**
 * Puts a paper on today's list for `viewer`: the paper from the catalog (or arXiv), the rules
 * (age, featured before, per-day limit), the `submissions` row, the featuring, and the first
 * comment. Throws SubmissionRefused saying what is wrong and where.
 */
export async function submitPaper(ctx: SubmitContext, viewer: Viewer, input: SubmissionInput): Promise<Paper> {
  const id = input.paper.length <= 300 ? findArxivId(input.paper) : null
  if (!id) {
    throw new SubmissionRefused(
      400,
      'Enter an arXiv id such as 2401.00001 or hep-th/9901001, or a link to its arXiv page.',
      'paper',
    )
  }
  const comment = input.comment.trim()
  if (comment.length > COMMENT_MAX || /\u0000/.test(comment)) {
    throw new SubmissionRefused(
      400,
      `A comment has at most ${COMMENT_MAX.toLocaleString('en-US')} characters of text.`,
      'comment',
    )
  }
  const { db, now } = ctx
  const recent = await submissionsSince(db, viewer.id, dayBefore(now))
  const overLimit = memberRefusal({ submittedLastDay: recent.count, earliestInDay: recent.earliest }, ctx.rules)
  if (overLimit) throw refusedFor(overLimit, recent.earliest, now)
  const found = await findPaper(db, id, ctx.lookup).catch((error: unknown) => {
    if (!(error instanceof HttpError)) throw error
    const status = error.status === 404 || error.status === 429 || error.status === 503 ? error.status : 400
    throw new SubmissionRefused(status, error.message, 'paper', error.headers)
  })
  const featuredOn = found.featurings.filter((f) => f.source !== 'demo').map((f) => f.featuredOn)
  const refused = paperRefusal({ publishedAt: found.paper.publishedAt, featuredOn, now }, ctx.rules)
  if (refused) throw refusedFor(refused, recent.earliest, now)
  const at = new Date(now).toISOString()
  if (!(await recordSubmission(db, viewer.id, found.paper.id, at))) {
    throw new SubmissionRefused(409, 'Someone submitted this paper a moment ago; it is on today’s list.', 'paper')
  }
  const today = periodContaining('day', toDay(now))
  const featured = await featurePaper(db, found.paper.id, {
    featuredOn: today.key,
    source: 'community',
    position: await countFeatured(db, { range: today }),
    // Hugging Face's shape for a submitter (HF-API.md), so the API can hand it on as it is.
    submittedBy: {
      _id: String(viewer.id),
      name: viewer.username,
      fullname: viewer.displayName,
      avatarUrl: avatarUrl(ctx.baseUrl, viewer.username),
      type: 'user',
    },
    submittedAt: at,
  })
  if (!featured) {
    await forgetSubmission(db, found.paper.id)
    throw new SubmissionRefused(409, 'This paper was put on today’s list a moment ago.', 'paper')
  }
  if (comment) await addComment(db, { paperId: found.paper.id, userId: viewer.id, body: comment }, at)
  return found.paper
}

const REFUSAL_STATUS = { featured: 409, 'too-old': 400, undated: 400 } as const

function refusedFor(refused: Refusal, earliest: string | null, now: number): SubmissionRefused {
  if (refused.rule === 'per-day') {
    const seconds = Math.max(1, Math.ceil(((earliest ? placeFreesAt(earliest) : now) - now) / 1000))
    return new SubmissionRefused(429, refused.message, 'form', { 'Retry-After': String(seconds) })
  }
  return new SubmissionRefused(REFUSAL_STATUS[refused.rule], refused.message, 'paper')
}

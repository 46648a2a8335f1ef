import { z } from 'zod'
import { parseArxivId } from '../arxiv-id.js'
import { type PaperRecord, type Submitter, withoutUndefined } from '../model.js'

/**
 * Hugging Face's daily-papers item (`GET /api/daily_papers`), as recorded in
 * ../shared/data/hf-daily-papers. Only what Paperboy keeps is checked; unknown keys are ignored so
 * a new field on Hugging Face's side never breaks an import.
 */
const timestamp = z.iso.datetime({ offset: true }).transform((s) => new Date(s).toISOString())
const count = z.number().int().min(0)

// Links from outside data end up in href attributes: anything but http(s) is dropped, not kept.
// Line breaks and tabs are removed first, as the URL standard does: some recorded GitHub links are
// broken over two lines, and they work on Hugging Face.
const webUrl = z
  .string()
  .optional()
  .transform((s) => s?.replace(/[\t\n\r]/g, '').trim())
  .transform((s) => (s && /^https?:\/\/[^\s]+$/i.test(s) ? s : undefined))

const organization = z.object({
  name: z.string().min(1),
  fullname: z.string().optional(),
  avatar: webUrl,
  _id: z.string().optional(),
})

const submitter = z.object({
  name: z.string().min(1).optional(),
  user: z.string().min(1).optional(),
  fullname: z.string().optional(),
  avatarUrl: webUrl,
  _id: z.string().optional(),
  type: z.string().optional(),
  isPro: z.boolean().optional(),
})

export const hfDailyItem = z.object({
  paper: z.object({
    id: z.string().refine((s) => parseArxivId(s)?.version === null, 'not an arXiv id'),
    title: z.string().trim().min(1, 'empty title'),
    summary: z.string().default(''),
    authors: z.array(z.object({ name: z.string(), hidden: z.boolean().default(false) })),
    publishedAt: timestamp,
    submittedOnDailyAt: timestamp,
    submittedOnDailyBy: submitter.optional(),
    upvotes: count,
    ai_summary: z.string().optional(),
    ai_keywords: z.array(z.string()).optional(),
    githubRepo: webUrl,
    githubStars: count.optional(),
    projectPage: webUrl,
    organization: organization.optional(),
    withdrawnAt: z.string().optional(),
  }),
  thumbnail: webUrl,
  numComments: count.default(0),
  submittedBy: submitter.optional(),
  organization: organization.optional(),
})

export type HfDailyItem = z.infer<typeof hfDailyItem>

/** One daily item as a catalog record, featured on its Hugging Face day at `position`. */
export function recordFromHfItem(item: HfDailyItem, position: number): PaperRecord {
  const p = item.paper
  const featuredOn = p.submittedOnDailyAt.slice(0, 10)
  const by = item.submittedBy ?? p.submittedOnDailyBy
  const username = by?.name ?? by?.user
  const submittedBy: Submitter | null = username
    ? withoutUndefined({
        name: username,
        fullname: by?.fullname,
        avatarUrl: by?.avatarUrl,
        _id: by?._id,
        type: by?.type,
        isPro: by?.isPro,
      })
    : null
  return withoutUndefined({
    id: p.id,
    title: p.title,
    abstract: p.summary,
    publishedAt: p.publishedAt,
    authors: p.authors
      .filter((a) => !a.hidden)
      .map((a) => a.name.trim())
      .filter(Boolean),
    githubRepo: p.githubRepo,
    projectPage: p.projectPage,
    aiSummary: p.ai_summary,
    aiKeywords: p.ai_keywords,
    thumbnail: item.thumbnail,
    organization: item.organization ?? p.organization,
    withdrawn: p.withdrawnAt ? true : undefined,
    counts: withoutUndefined({ upvotes: p.upvotes, numComments: item.numComments, githubStars: p.githubStars }),
    // A file shows the paper as it stood on its featured day, so a later day's file is newer.
    observedAt: p.submittedOnDailyAt,
    featuring: { featuredOn, source: 'hf', position, submittedBy, submittedAt: p.submittedOnDailyAt },
  })
}

import type { Insertable } from 'kysely'
import type { PapersTable } from '../platform/db/schema.js'
import type { PaperRecord } from './model.js'
import type { PaperRow } from './rows.js'
import { trendingScore } from './trending.js'

export type PaperValues = Insertable<PapersTable> & {
  withdrawn: number
  upvotes: number
  num_comments: number
  imported_upvotes: number
  imported_comments: number
  local_upvotes: number
  local_comments: number
  trending_score: number
}

// The columns a record may set; everything else is bookkeeping. `observed_at` is left out: a poll
// that sees nothing new must not count as a change (nor move the page caches' version).
export const CONTENT_COLUMNS = [
  'version',
  'title',
  'abstract',
  'published_at',
  'updated_at',
  'categories',
  'primary_category',
  'comments',
  'journal_ref',
  'doi',
  'license',
  'github_repo',
  'github_stars',
  'project_page',
  'ai_summary',
  'ai_keywords',
  'thumbnail',
  'organization',
  'withdrawn',
  'upvotes',
  'num_comments',
  'imported_upvotes',
  'imported_comments',
  'trending_score',
] as const
// `local_upvotes` and `local_comments` are not among them: only papers/activity.ts writes those.

/**
 * Folds what a source says about a paper into what is stored. Fields the record leaves out keep
 * their stored value; an older observation only fills gaps. Returns null when the
 * result equals the stored row, which is what makes a repeated import change nothing.
 */
export function mergePaper(
  existing: PaperRow | undefined,
  record: PaperRecord,
  latestFeaturedAt: string | null,
  now: string,
): PaperValues | null {
  const base = existing ?? emptyRow(record.id, now)
  const next: PaperValues = { ...base }
  const older = !!(record.observedAt && base.observed_at && record.observedAt < base.observed_at)
  const set = <K extends keyof PaperValues>(key: K, value: PaperValues[K] | undefined) => {
    if (value !== undefined && (!older || next[key] === null)) next[key] = value
  }
  set('title', record.title)
  set('abstract', record.abstract)
  set('version', record.version)
  set('published_at', record.publishedAt)
  set('updated_at', record.updatedAt)
  if (record.categories) {
    set('categories', record.categories.join(' '))
    set('primary_category', record.categories[0] ?? null)
  }
  set('comments', record.comments)
  set('journal_ref', record.journalRef)
  set('doi', record.doi)
  set('license', record.license)
  set('github_repo', record.githubRepo)
  set('project_page', record.projectPage)
  set('ai_summary', record.aiSummary)
  if (record.aiKeywords) set('ai_keywords', JSON.stringify(record.aiKeywords))
  set('thumbnail', record.thumbnail)
  if (record.organization) set('organization', JSON.stringify(record.organization))
  if (record.withdrawn !== undefined) set('withdrawn', record.withdrawn ? 1 : 0)
  if (record.counts && !older) {
    // The shown counts are the imported observation plus what readers did here
    // (docs/decisions/0020-votes-and-trending.md); the preload locked the row against votes.
    next.imported_upvotes = record.counts.upvotes
    next.imported_comments = record.counts.numComments
    next.upvotes = next.imported_upvotes + next.local_upvotes
    next.num_comments = next.imported_comments + next.local_comments
    if (record.counts.githubStars !== undefined) next.github_stars = record.counts.githubStars
  }
  if (record.observedAt && !older) next.observed_at = record.observedAt
  next.trending_score = trendingScore(
    { upvotes: next.upvotes, comments: next.num_comments },
    latestFeaturedAt ?? next.published_at ?? null,
  )
  if (existing && CONTENT_COLUMNS.every((c) => sameValue(existing[c], next[c]))) return null
  next.modified_at = now
  return next
}

function emptyRow(id: string, now: string): PaperValues {
  return {
    id,
    version: null,
    title: '',
    abstract: '',
    published_at: null,
    updated_at: null,
    categories: '',
    primary_category: null,
    comments: null,
    journal_ref: null,
    doi: null,
    license: null,
    github_repo: null,
    github_stars: null,
    project_page: null,
    ai_summary: null,
    ai_keywords: null,
    thumbnail: null,
    organization: null,
    withdrawn: 0,
    upvotes: 0,
    num_comments: 0,
    imported_upvotes: 0,
    imported_comments: 0,
    local_upvotes: 0,
    local_comments: 0,
    trending_score: 0,
    observed_at: null,
    created_at: now,
    modified_at: now,
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  // Scores are recomputed from stored values; a float read back may differ in the last bit.
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) < 1e-9
  return (a ?? null) === (b ?? null)
}

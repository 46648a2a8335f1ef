import type { Selectable } from 'kysely'
import type { FeaturedTable, PapersTable, PaperVersionsTable } from '../platform/db/schema.js'
import type { Author, Featuring, FeatureSource, Organization, Paper, PaperSummary, Submitter } from './model.js'

export type PaperRow = Selectable<PapersTable>
export type FeaturedRow = Selectable<FeaturedTable>
export type VersionRow = Selectable<PaperVersionsTable>

/** Rows become domain values here and nowhere else. */
export function toPaper(row: PaperRow, authors: Author[]): Paper {
  return {
    id: row.id,
    version: row.version,
    title: row.title,
    abstract: row.abstract,
    publishedAt: row.published_at,
    updatedAt: row.updated_at,
    categories: categoriesOf(row.categories),
    comments: row.comments,
    journalRef: row.journal_ref,
    doi: row.doi,
    license: row.license,
    githubRepo: row.github_repo,
    githubStars: row.github_stars,
    projectPage: row.project_page,
    aiSummary: row.ai_summary,
    aiKeywords: parseJson<string[]>(row.ai_keywords) ?? [],
    thumbnail: row.thumbnail,
    organization: parseJson<Organization>(row.organization),
    withdrawn: row.withdrawn === 1,
    upvotes: row.upvotes,
    numComments: row.num_comments,
    authors,
  }
}

/** A summary's row: the shown authors' names as a JSON array. */
export type PaperSummaryRow = Pick<
  PaperRow,
  'id' | 'title' | 'abstract' | 'published_at' | 'upvotes' | 'github_repo' | 'categories'
> & { authors: string }

export function toPaperSummary(row: PaperSummaryRow): PaperSummary {
  return {
    id: row.id,
    title: row.title,
    abstract: row.abstract,
    publishedAt: row.published_at,
    upvotes: row.upvotes,
    githubRepo: row.github_repo,
    categories: categoriesOf(row.categories),
    authors: (JSON.parse(row.authors) as string[]).map((name) => ({ name, hidden: false })),
  }
}

const categoriesOf = (text: string) => (text ? text.split(' ') : [])

export function toFeaturing(row: FeaturedRow): Featuring {
  return {
    featuredOn: row.featured_on,
    source: row.source as FeatureSource,
    position: row.position,
    submittedBy: parseJson<Submitter>(row.submitter),
    submittedAt: row.submitted_at,
  }
}

// JSON columns hold values this code wrote itself, after validation at import.
function parseJson<T>(text: string | null): T | null {
  return text ? (JSON.parse(text) as T) : null
}

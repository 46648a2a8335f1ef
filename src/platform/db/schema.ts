import type { Generated } from 'kysely'

/**
 * One schema for both databases. Timestamps are ISO-8601 UTC strings on both sides: SQLite stores
 * them as text and the PostgreSQL driver is told to hand `timestamptz` and `date` back as text
 * (connect.ts). Flags are 0/1 integers on both.
 */
export interface PapersTable {
  id: string
  version: number | null
  title: string
  abstract: string
  published_at: string | null
  updated_at: string | null
  categories: string
  primary_category: string | null
  comments: string | null
  journal_ref: string | null
  doi: string | null
  license: string | null
  github_repo: string | null
  github_stars: number | null
  project_page: string | null
  ai_summary: string | null
  ai_keywords: string | null
  thumbnail: string | null
  organization: string | null
  withdrawn: Generated<number>
  /** Shown counts: `imported_*` + `local_*` (docs/decisions/0020-votes-and-trending.md). */
  upvotes: Generated<number>
  num_comments: Generated<number>
  /** The latest imported observation; written only by the import. */
  imported_upvotes: Generated<number>
  imported_comments: Generated<number>
  /** Votes and comments cast here; written only by papers/activity.ts. */
  local_upvotes: Generated<number>
  local_comments: Generated<number>
  trending_score: Generated<number>
  observed_at: string | null
  created_at: string
  modified_at: string
  /** Set when an admin took the paper out of the feed (listings, trending, the API's lists, search). */
  hidden_at: string | null
}

export interface PaperAuthorsTable {
  paper_id: string
  position: number
  name: string
  hidden: Generated<number>
}

export interface FeaturedTable {
  paper_id: string
  featured_on: string
  source: string
  position: number
  submitted_by: string | null
  submitter: string | null
  submitted_at: string
}

export interface PaperVersionsTable {
  paper_id: string
  version: number
  created_at: string | null
  title: string | null
}

export interface LeasesTable {
  name: string
  holder: string
  expires_at: string
}

export interface DemoPapersTable {
  paper_id: string
}

export interface DemoRemovalTable {
  id: number
  removed_at: string
  reason: string
}

export interface Database {
  papers: PapersTable
  paper_authors: PaperAuthorsTable
  featured: FeaturedTable
  paper_versions: PaperVersionsTable
  leases: LeasesTable
  demo_papers: DemoPapersTable
  demo_removal: DemoRemovalTable
}

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
  upvotes: Generated<number>
  num_comments: Generated<number>
  trending_score: Generated<number>
  observed_at: string | null
  created_at: string
  modified_at: string
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

export interface IngestRunsTable {
  id: Generated<number>
  source: string
  scope: string
  trigger: string
  status: string
  started_at: string
  finished_at: string | null
  added: number
  updated: number
  unchanged: number
  skipped: number
  failed: number
  error: string | null
  problems: string | null
}

export interface IngestCursorsTable {
  source: string
  scope: string
  position: string
  updated_at: string
}

/** A paper thumbnail copied from its source URL: 'stored' with its bytes, or 'failed' with why. */
export interface ThumbnailsTable {
  key: string
  url: string
  status: string
  content_type: string | null
  body: Buffer | null
  width: number | null
  height: number | null
  etag: string | null
  attempts: number
  error: string | null
  fetched_at: string
}

/** A generated preview card, valid while its fingerprint matches what it shows. */
export interface PreviewCardsTable {
  key: string
  fingerprint: string
  png: Buffer
  created_at: string
}

export interface Database {
  papers: PapersTable
  paper_authors: PaperAuthorsTable
  featured: FeaturedTable
  paper_versions: PaperVersionsTable
  leases: LeasesTable
  ingest_runs: IngestRunsTable
  ingest_cursors: IngestCursorsTable
  thumbnails: ThumbnailsTable
  preview_cards: PreviewCardsTable
}

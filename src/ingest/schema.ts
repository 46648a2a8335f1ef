import type { Generated } from 'kysely'

/** The ingest feature's tables (migrations/), beside the platform's core schema. */
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

export type IngestTables = {
  ingest_runs: IngestRunsTable
  ingest_cursors: IngestCursorsTable
}

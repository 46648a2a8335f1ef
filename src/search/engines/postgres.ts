import type { Kysely } from 'kysely'
import type { BulkSession } from '../../platform/db/bulk-session.js'
import type { Db } from '../../platform/db/connect.js'
import type { SearchEngine } from '../engine.js'

/** PostgreSQL's search engine: tsvector + GIN (placeholder until the engine lands). */
export function postgresEngine(db: Db): SearchEngine {
  const unavailable = () => Promise.reject(new Error(`search is not built yet (${db.dialect})`))
  return { search: unavailable, exhaustive: unavailable, rebuild: unavailable }
}

/** Writes the index rows of these papers in the catalog write's session. */
export async function writePostgresIndex(_s: BulkSession, _ids: readonly string[]): Promise<void> {}

/** The index's tables, created by the search feature's migration. */
export async function createPostgresIndex(_db: Kysely<any>): Promise<void> {}

import { sql } from 'kysely'
import type { Db } from '../../src/platform/db/connect.js'

/** The indexes PostgreSQL's search documents table must end up with, after a rebuild or a first load. */
export const DOCUMENT_INDEX_NAMES = [
  'search_documents_categories',
  'search_documents_document',
  'search_documents_pkey',
  'search_documents_published',
  'search_documents_seq_idx',
]

/** The indexes the search documents table has, by name. */
export async function documentIndexNames(db: Db): Promise<string[]> {
  const { rows } = await sql<{ indexname: string }>`
    select indexname from pg_indexes where tablename = 'search_documents' order by indexname`.execute(db.kysely)
  return rows.map((r) => r.indexname)
}

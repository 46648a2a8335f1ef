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

/**
 * Each partition of the search documents table with its indexes, and whether every index of the
 * table, the parent's and the partitions', is valid (a GIN built a partition at a time is valid on
 * the parent only once each partition's is attached).
 */
export async function documentPartitions(db: Db): Promise<{ partitions: string[][]; allValid: boolean }> {
  const { rows } = await sql<{ partition: string; indexes: string[] }>`
    select c.relname as partition, array(select indexname::text from pg_indexes where tablename = c.relname order by 1) as indexes
    from pg_inherits i join pg_class c on c.oid = i.inhrelid
    where i.inhparent = 'search_documents'::regclass order by c.relname`.execute(db.kysely)
  const { rows: invalid } = await sql<{ n: number }>`
    select count(*)::int as n from pg_index x where not x.indisvalid and x.indrelid in
      (select 'search_documents'::regclass union all select inhrelid from pg_inherits where inhparent = 'search_documents'::regclass)`.execute(
    db.kysely,
  )
  return { partitions: rows.map((r) => [r.partition, ...r.indexes]), allValid: invalid[0]!.n === 0 }
}

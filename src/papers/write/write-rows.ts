import type { RawBuilder } from 'kysely'
import type { BulkSession } from '../../platform/db/bulk-session.js'
import { jsonRows } from '../../platform/db/json-rows.js'
import type { Database } from '../../platform/db/schema.js'
import { CONTENT_COLUMNS } from '../merge.js'
import { chunks } from './chunks.js'

/** A catalog table as the writer sees it: the columns written and the key a row conflicts on. */
export interface TableSpec<T extends keyof Database> {
  table: T
  columns: readonly (keyof Database[T] & string)[]
  /** The key an incoming row replaces a stored one on; null when the caller removed them first. */
  key: readonly (keyof Database[T] & string)[] | null
  /** Rows per SQLite statement: large enough to amortise a statement, small enough to stay a few MB. */
  rowsPerStatement: number
}

export const PAPERS: TableSpec<'papers'> = {
  table: 'papers',
  // The content merge.ts compares, framed by the key and the bookkeeping it never compares.
  columns: ['id', ...CONTENT_COLUMNS, 'observed_at', 'created_at', 'modified_at'],
  key: ['id'],
  rowsPerStatement: 1000,
}

// A paper's author list is replaced whole (upsert.ts deletes the old one). Author rows are small:
// ten times as many per statement.
export const AUTHORS: TableSpec<'paper_authors'> = {
  table: 'paper_authors',
  columns: ['paper_id', 'position', 'name', 'hidden'],
  key: null,
  rowsPerStatement: 10_000,
}

export const FEATURED: TableSpec<'featured'> = {
  table: 'featured',
  columns: ['paper_id', 'featured_on', 'source', 'position', 'submitted_by', 'submitter', 'submitted_at'],
  key: ['paper_id', 'featured_on'],
  rowsPerStatement: 1000,
}

export const VERSIONS: TableSpec<'paper_versions'> = {
  table: 'paper_versions',
  columns: ['paper_id', 'version', 'created_at', 'title'],
  key: ['paper_id', 'version'],
  rowsPerStatement: 1000,
}

/**
 * Inserts rows, or updates the stored row with the same key to the incoming values. SQLite reads
 * the rows from one JSON parameter per statement; PostgreSQL COPYs them into a staging table and
 * merges it in one set-based statement (docs/decisions/0002-one-write-path.md).
 */
export async function writeRows<T extends keyof Database>(
  s: BulkSession,
  spec: TableSpec<T>,
  rows: readonly object[],
): Promise<void> {
  if (rows.length === 0) return
  if (s.dialect === 'postgres') {
    await s.run(upsertFrom(s, spec, await s.stage(spec.table, spec.columns, rows)))
    return
  }
  for (const chunk of chunks(rows, spec.rowsPerStatement))
    await s.run(upsertFrom(s, spec, jsonRows(spec.columns, chunk)))
}

function upsertFrom<T extends keyof Database>(s: BulkSession, spec: TableSpec<T>, source: RawBuilder<unknown>) {
  // Kysely types each table's insert apart; the spec is what keeps table and columns together.
  const insert = s.kysely
    .insertInto(spec.table as 'papers')
    .columns(spec.columns as never)
    .expression(source as never)
  const key = spec.key
  if (!key) return insert
  const updated = spec.columns.filter((c) => !key.includes(c))
  return insert.onConflict((oc) =>
    oc
      .columns(key as never)
      .doUpdateSet((eb) => Object.fromEntries(updated.map((c) => [c, eb.ref(`excluded.${c}` as never)])) as never),
  )
}

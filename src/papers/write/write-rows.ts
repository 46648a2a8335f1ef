import type { InsertQueryBuilder } from 'kysely'
import type { BulkSession } from '../../platform/db/bulk-session.js'
import type { Database } from '../../platform/db/schema.js'
import { CONTENT_COLUMNS } from '../merge.js'

/** A catalog table as the writer sees it: the columns written and the key a row conflicts on. */
export interface TableSpec<T extends keyof Database> {
  table: T
  columns: readonly (keyof Database[T] & string)[]
  /** The key an incoming row replaces a stored one on; null when the caller removed them first. */
  key: readonly (keyof Database[T] & string)[] | null
}

export const PAPERS: TableSpec<'papers'> = {
  table: 'papers',
  // The content merge.ts compares, framed by the key and the bookkeeping it never compares.
  columns: ['id', ...CONTENT_COLUMNS, 'observed_at', 'created_at', 'modified_at'],
  key: ['id'],
}

// A paper's author list is replaced whole (upsert.ts deletes the old one).
export const AUTHORS: TableSpec<'paper_authors'> = {
  table: 'paper_authors',
  columns: ['paper_id', 'position', 'name', 'hidden'],
  key: null,
}

export const FEATURED: TableSpec<'featured'> = {
  table: 'featured',
  columns: ['paper_id', 'featured_on', 'source', 'position', 'submitted_by', 'submitter', 'submitted_at'],
  key: ['paper_id', 'featured_on'],
}

export const VERSIONS: TableSpec<'paper_versions'> = {
  table: 'paper_versions',
  columns: ['paper_id', 'version', 'created_at', 'title'],
  key: ['paper_id', 'version'],
}

/**
 * Inserts rows, or updates the stored row with the same key to the incoming values. SQLite runs one
 * prepared statement of ROWS_PER_STATEMENT rows for each slice of them (and a single-row one for
 * the rest); PostgreSQL COPYs them into a staging table and merges it in one set-based statement
 * (docs/decisions/0002-one-write-path.md).
 */
export async function writeRows<T extends keyof Database>(
  s: BulkSession,
  spec: TableSpec<T>,
  rows: readonly object[],
): Promise<void> {
  if (rows.length === 0) return
  // Kysely types each table's insert apart; the spec is what keeps table and columns together.
  const into = () => s.kysely.insertInto(spec.table as 'papers')
  if (s.dialect === 'postgres') {
    const staged = await s.stage(spec.table, spec.columns, rows)
    await s.run(
      upsert(
        spec,
        into()
          .columns(spec.columns as never)
          .expression(staged as never),
      ),
    )
    return
  }
  // One placeholder per column, in the spec's order: each row's values are bound in that order.
  const placeholders = Object.fromEntries(spec.columns.map((c) => [c, null]))
  const whole = rows.length - (rows.length % ROWS_PER_STATEMENT)
  if (whole > 0) {
    const statement = upsert(spec, into().values(new Array(ROWS_PER_STATEMENT).fill(placeholders)))
    await s.runEach(statement, valuesOf(spec.columns, rows, 0, whole, ROWS_PER_STATEMENT))
  }
  if (whole < rows.length)
    await s.runEach(
      upsert(spec, into().values(placeholders as never)),
      valuesOf(spec.columns, rows, whole, rows.length, 1),
    )
}

// Rows bound per statement on SQLite: each call into better-sqlite3 and each step of a statement
// costs about as much as inserting a row, so 32 rows a statement insert 75,000 author rows in half
// the CPU time of one a statement (8 rows saved most of that, 128 nothing more). The statement is
// the same for every batch, so it is prepared once; 32 rows of the widest table (papers, 27
// columns) stay far under SQLite's bound-parameter limit.
const ROWS_PER_STATEMENT = 32

/** The values of rows `from` to `to`, `per` rows to a parameter list, each row in column order. */
function* valuesOf(
  columns: readonly string[],
  rows: readonly object[],
  from: number,
  to: number,
  per: number,
): Generator<unknown[]> {
  for (let r = from; r < to; r += per) {
    const values = new Array<unknown>(columns.length * per)
    for (let k = 0; k < per; k++) {
      const row = rows[r + k] as Record<string, unknown>
      for (let i = 0; i < columns.length; i++) values[k * columns.length + i] = row[columns[i]!] ?? null
    }
    yield values
  }
}

function upsert<T extends keyof Database>(spec: TableSpec<T>, insert: InsertQueryBuilder<Database, 'papers', unknown>) {
  const key = spec.key
  if (!key) return insert
  const updated = spec.columns.filter((c) => !key.includes(c))
  return insert.onConflict((oc) =>
    oc
      .columns(key as never)
      .doUpdateSet((eb) => Object.fromEntries(updated.map((c) => [c, eb.ref(`excluded.${c}` as never)])) as never),
  )
}

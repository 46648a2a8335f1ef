import { type RawBuilder, sql } from 'kysely'

/**
 * SQLite's bulk rows: `SELECT <columns> FROM <rows>` where all the rows travel as ONE JSON
 * parameter, for `insertInto(table).columns(columns).expression(...)`. A multi-row VALUES list
 * binds a parameter per value and makes SQLite prepare a new statement for every batch size; this
 * keeps bulk writes to one short cached statement (docs/decisions/0002-one-write-path.md). Arrays
 * go through JSONB, whose elements SQLite reaches without parsing the text again for every column.
 * PostgreSQL's bulk rows come by COPY instead (bulk-session.ts).
 */
export function jsonRows(columns: readonly string[], rows: readonly object[]): RawBuilder<unknown> {
  const json = JSON.stringify(rows.map((row) => columns.map((c) => (row as Record<string, unknown>)[c] ?? null)))
  const fields = sql.join(columns.map((_, i) => sql`value ->> ${sql.lit(i)}`))
  // `where true` lets SQLite tell an upsert's ON CONFLICT from a join constraint (its docs).
  return sql`select ${fields} from jsonb_each(${json}) where true`
}

import { type RawBuilder, sql } from 'kysely'
import type { Db } from './connect.js'

/**
 * `SELECT <columns> FROM <rows>` where all the rows travel as ONE JSON parameter, for
 * `insertInto(table).columns(columns).expression(...)`. A multi-row VALUES list binds a parameter
 * per value and makes both databases parse a new statement for every batch size; this keeps bulk
 * writes (imports, ingest) to one short statement (docs/decisions/0002-one-write-path.md).
 * PostgreSQL reads objects with the table's own row type; SQLite reads arrays through JSONB,
 * whose elements it reaches without parsing the text again for every column.
 */
export function jsonRows<R extends object>(db: Db, table: string, columns: readonly (keyof R & string)[], rows: readonly R[]): RawBuilder<unknown> {
  if (db.dialect === 'postgres') {
    const list = sql.join(columns.map((c) => sql.ref(c)))
    return sql`select ${list} from json_populate_recordset(null::${sql.table(table)}, ${JSON.stringify(rows)}::json)`
  }
  const json = JSON.stringify(rows.map((row) => columns.map((c) => row[c] ?? null)))
  const fields = sql.join(columns.map((_, i) => sql`value ->> ${sql.lit(i)}`))
  // `where true` lets SQLite tell an upsert's ON CONFLICT from a join constraint (its docs).
  return sql`select ${fields} from jsonb_each(${json}) where true`
}

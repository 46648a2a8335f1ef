import { type RawBuilder, sql } from 'kysely'
import type { Db } from './connect.js'

/**
 * `SELECT <columns> FROM <rows>` where all the rows travel as ONE JSON parameter, for
 * `insertInto(table).columns(columns).expression(...)`. A multi-row VALUES list binds a parameter
 * per value and makes both databases parse a new statement for every batch size; this keeps bulk
 * writes (imports, ingest) to one short statement. Rows are objects keyed by column name.
 * PostgreSQL reads them with the table's own row type, SQLite with its JSON functions.
 */
export function jsonRows(db: Db, table: string, columns: readonly string[], rows: readonly object[]): RawBuilder<unknown> {
  const json = JSON.stringify(rows)
  if (db.dialect === 'postgres') {
    const list = sql.join(columns.map((c) => sql.ref(c)))
    return sql`select ${list} from json_populate_recordset(null::${sql.table(table)}, ${json}::json)`
  }
  const fields = sql.join(columns.map((c) => sql`value ->> ${sql.lit(`$.${c}`)}`))
  // `where true` lets SQLite tell an upsert's ON CONFLICT from a join constraint (its docs).
  return sql`select ${fields} from json_each(${json}) where true`
}

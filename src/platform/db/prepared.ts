import type { Compilable, CompiledQuery, Kysely, QueryResult } from 'kysely'
import { type SqliteHandle, sqliteHandle } from './connect.js'
import type { Database } from './schema.js'

/** Runs a prepared query with these values, in `kysely`'s transaction when it is one. */
export type PreparedQuery<Params, Row> = (kysely: Kysely<Database>, params: Params) => Promise<QueryResult<Row>>

/**
 * A query that Kysely builds and compiles once per dialect, then runs with new values each time:
 * for the busiest statements (a vote's, and the session lookup of every signed-in request), where
 * building and compiling cost more than the database running them (BENCHMARKS.md, votes). The SQL
 * is still the builder's, on both databases, and SQLite reuses its prepared statement (connect.ts).
 *
 * `build` receives stand-ins for the values and must pass each one to the builder as a value
 * (`where('id', '=', params.id)`, `eb.val(params.now)`), so that it becomes a parameter of the
 * compiled SQL; a stand-in that does not (used as a column name, or branched on) is an error at
 * the first run. The shape of the query may not depend on the values: one that does needs two
 * prepared queries.
 */
export function preparedQuery<Params extends object, Row>(
  build: (kysely: Kysely<Database>, params: Params) => Compilable<Row>,
): PreparedQuery<Params, Row> {
  // Per adapter class: the same builder compiles to `?` on SQLite and `$1` on PostgreSQL, and a
  // transaction shares its database's adapter.
  const compiled = new Map<unknown, CompiledQuery<Row>>()
  return async (kysely, params) => {
    const adapter = kysely.getExecutor().adapter.constructor
    let query = compiled.get(adapter)
    if (!query) {
      const read = new Set<string>()
      query = build(kysely, standIns<Params>(read)).compile()
      const used = new Set(query.parameters.flatMap((slot) => (slot instanceof StandIn ? [slot.name] : [])))
      const unused = [...read].filter((name) => !used.has(name))
      if (unused.length) throw new Error(`preparedQuery: ${unused.join(', ')} did not become parameters`)
      compiled.set(adapter, query)
    }
    const parameters = query.parameters.map((slot) => (slot instanceof StandIn ? Reflect.get(params, slot.name) : slot))
    const sqlite = sqliteHandle(kysely)
    if (sqlite && ownsConnection(sqlite, kysely)) return runOnSqlite(sqlite, query.sql, parameters)
    return kysely.executeQuery({ ...query, parameters })
  }
}

/**
 * Whether a statement may run on the SQLite connection directly, without waiting for Kysely's turn
 * on it: in a transaction of `kysely`'s own (it holds the connection until it ends), or outside any
 * transaction (better-sqlite3 runs it synchronously, so it falls between the statements of
 * whatever else is waiting and joins nobody's transaction). Inside another caller's transaction
 * (open across awaits), it waits its turn through Kysely: run here, it would become part of that
 * transaction, and be rolled back or committed with it.
 */
function ownsConnection(sqlite: SqliteHandle, kysely: Kysely<Database>): boolean {
  return kysely.isTransaction ? sqlite.database.inTransaction : !sqlite.database.inTransaction
}

/**
 * What Kysely's SQLite driver does with a compiled query (the same statement cache, the same
 * result), minus its executor: the connection's lock, a promise per step and the result's
 * plugins (there are none here) cost more than the vote's statements themselves (docs/decisions/0033).
 */
async function runOnSqlite<Row>(
  sqlite: SqliteHandle,
  sql: string,
  parameters: readonly unknown[],
): Promise<QueryResult<Row>> {
  const statement = sqlite.prepare(sql)
  if (statement.reader) return { rows: statement.all(parameters) as Row[] }
  const { changes, lastInsertRowid } = statement.run(parameters)
  return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] }
}

/** What `build` is given in place of a value: recognised in the compiled parameters by its class. */
class StandIn {
  constructor(readonly name: string) {}
}

/** Stand-ins for any value `build` asks for; `read` collects their names. */
function standIns<Params>(read: Set<string>): Params {
  return new Proxy(
    {},
    {
      get(_, name) {
        if (typeof name !== 'string') return undefined
        read.add(name)
        return new StandIn(name)
      },
    },
  ) as Params
}

import { pipeline } from 'node:stream/promises'
import { Readable } from 'node:stream'
import { type Compilable, type Kysely, type RawBuilder, sql, type Transaction } from 'kysely'
import type pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import { type Db, type Dialect, sqliteHandle } from './connect.js'
import { BinaryRows } from './copy-binary.js'
import type { Database } from './schema.js'

/**
 * One transaction for a bulk write. Queries are built with `db.kysely` and run here, so SQL stays
 * Kysely's; PostgreSQL's session also loads rows with `COPY`, which Kysely cannot express and
 * which is its fastest way in (docs/decisions/0002-one-write-path.md).
 */
export interface BulkSession {
  dialect: Dialect
  /** To build queries with; run them with `run`, which keeps them in this session's transaction. */
  kysely: Kysely<Database>
  run<R>(query: Compilable<R>): Promise<R[]>
  /**
   * SQLite only: runs one statement (compiled once, its parameters placeholders) once for each
   * parameter list, in this session's transaction. A prepared single-row insert bound row by row is
   * SQLite's fastest way in, about four times cheaper than rows read out of a JSON parameter
   * (docs/decisions/0002-one-write-path.md).
   */
  runEach(query: Compilable<unknown>, parameters: Iterable<readonly unknown[]>): Promise<void>
  /**
   * PostgreSQL only: COPYs rows into a session-private staging table shaped like `table`, emptied
   * at commit, and returns `SELECT <columns> FROM` it for `insertInto(table).expression(…)`.
   */
  stage(table: string, columns: readonly string[], rows: CopyRows): Promise<RawBuilder<unknown>>
  /**
   * PostgreSQL only: COPYs rows straight into `table`, with no merge: for rows no stored row can
   * conflict with, as a rebuild's new table holds (a conflict fails the session).
   * Rows are read as the stream sends them: a generator's work overlaps the server's.
   */
  copy(table: string, columns: readonly string[], rows: CopyRows): Promise<void>
}

/**
 * Rows to COPY: objects, sent as CSV (each column's value as its text form), or rows that write
 * their own binary tuples (copy-binary.ts), for types whose text form is dear to parse.
 */
export type CopyRows = Iterable<object> | BinaryRows<any>

/** Runs `work` in one transaction; on PostgreSQL on a connection of its own, for COPY. */
export async function inBulkSession<T>(db: Db, work: (session: BulkSession) => Promise<T>): Promise<T> {
  if (db.dialect === 'sqlite' || !db.pool) return db.kysely.transaction().execute((trx) => work(sqliteSession(db, trx)))
  const client = await db.pool.connect()
  let broken: Error | undefined
  try {
    await client.query('begin')
    // A bulk write's commit need not wait for its WAL to reach the disk: a crash can lose only the
    // last batches, and whatever records progress (an ingest position) commits synchronously
    // afterwards, which flushes these first, so a position never runs ahead of its papers.
    await client.query('set local synchronous_commit = off')
    const result = await work(postgresSession(db, client))
    await client.query('commit')
    return result
  } catch (error) {
    await client.query('rollback').catch((e: Error) => (broken = e))
    throw error
  } finally {
    // A connection that cannot even roll back is dropped instead of going back to the pool.
    client.release(broken)
  }
}

/**
 * SQLite: runs one statement (compiled once, its parameters placeholders) once for each parameter
 * list on the connection `kysely` holds. Given a transaction, which holds SQLite's one connection,
 * the statement runs inside it; each row is bound and stepped synchronously, without a promise per
 * row. False, having run nothing, when `kysely` is not the SQLite connection connect() opens.
 */
export function runEachOnSqlite(
  kysely: Kysely<any>,
  query: Compilable<unknown>,
  parameters: Iterable<readonly unknown[]>,
): boolean {
  const sqlite = sqliteHandle(kysely)
  if (!sqlite) return false
  const statement = sqlite.prepare(query.compile().sql)
  for (const p of parameters) statement.run(p)
  return true
}

function sqliteSession(db: Db, trx: Transaction<Database>): BulkSession {
  return {
    dialect: db.dialect,
    kysely: trx,
    run: async (query) => (await trx.executeQuery(query.compile())).rows,
    async runEach(query, parameters) {
      if (!runEachOnSqlite(trx, query, parameters))
        throw new Error('runEach needs the SQLite connection that connect() opens')
    },
    stage: () => Promise.reject(new Error('COPY is PostgreSQL’s; SQLite writes rows with runEach')),
    copy: () => Promise.reject(new Error('COPY is PostgreSQL’s; SQLite writes rows with runEach')),
  }
}

function postgresSession(db: Db, client: pg.PoolClient): BulkSession {
  const staged = new Set<string>()
  const copy = async (table: string, columns: readonly string[], rows: CopyRows) => {
    const binary = rows instanceof BinaryRows
    await pipeline(
      Readable.from(binary ? rows.chunks() : csvLines(columns, rows)),
      client.query(
        copyFrom(`copy ${table} (${columns.join(', ')}) from stdin with (format ${binary ? 'binary' : 'csv'})`),
      ),
    )
  }
  return {
    dialect: 'postgres',
    kysely: db.kysely,
    async run(query) {
      const compiled = query.compile()
      return (await client.query(compiled.sql, [...compiled.parameters])).rows
    },
    runEach: () => Promise.reject(new Error('PostgreSQL writes bulk rows with stage (COPY)')),
    async stage(table, columns, rows) {
      const staging = `staging_${table}`
      // Temporary: private to this connection, so concurrent writers never see each other's rows.
      // With the table's defaults: columns a writer leaves out (papers' local counts) are NOT NULL.
      // With its columns' compression: pglz, the default, costs more than the staging is worth.
      if (staged.has(table)) await client.query(`truncate ${staging}`)
      else
        await client.query(
          `create temp table if not exists ${staging} (like ${table} including defaults including compression) on commit delete rows`,
        )
      staged.add(table)
      await copy(staging, columns, rows)
      return sql`select ${sql.join(columns.map((c) => sql.ref(c)))} from ${sql.table(staging)}`
    },
    copy,
  }
}

// Lines per chunk handed to the COPY stream: fewer, larger writes to the socket.
const LINES_PER_CHUNK = 200

function* csvLines(columns: readonly string[], rows: Iterable<object>): Generator<string> {
  let chunk = ''
  let lines = 0
  for (const row of rows as Iterable<Record<string, unknown>>) {
    chunk += columns.map((c) => csvField(row[c])).join(',') + '\n'
    if (++lines % LINES_PER_CHUNK === 0) {
      yield chunk
      chunk = ''
    }
  }
  if (chunk) yield chunk
}

// In COPY's CSV format an unquoted empty field is NULL and a quoted one is the empty string.
function csvField(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number') return String(value)
  return `"${String(value).replaceAll('"', '""')}"`
}

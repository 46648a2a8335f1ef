import { existsSync, mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import SQLite from 'better-sqlite3'
import { Kysely, PostgresDialect, type SqliteDatabase, SqliteDialect } from 'kysely'
import pg from 'pg'
import { checkpointInBackground } from './checkpoints.js'
import type { Database } from './schema.js'

export type Dialect = 'sqlite' | 'postgres'

export interface Db {
  kysely: Kysely<Database>
  dialect: Dialect
  /** PostgreSQL's pool, for the one thing Kysely cannot express: COPY (bulk-session.ts). */
  pool?: pg.Pool
  close(): Promise<void>
}

const PG_TIMESTAMPTZ = 1184
const PG_TIMESTAMP = 1114
const PG_DATE = 1082
const PG_INT8 = 20
// A server that went away without closing its sockets (a network partition, a dead host) never
// refuses a connection; without a bound, every request would wait for the kernel's TCP timeout.
// Long enough that a busy pool's queue never reaches it.
const PG_CONNECT_TIMEOUT_MS = 10_000

export interface ConnectOptions {
  /**
   * SQLite: checkpoint the WAL from a worker thread instead of in the commits of this connection
   * (checkpoints.ts). For the server, whose event loop must not wait on the checkpoint's fsync.
   */
  backgroundCheckpoints?: boolean
  /**
   * SQLite: a connection that only reads (a search worker's, search/engines/sqlite-pool.ts). It
   * sees every commit of the writer, as any WAL reader does, and never takes the write lock.
   */
  readOnly?: boolean
  /** SQLite: the page cache in MB (32 when absent); a search worker's is SEARCH_CACHE_MB (search/settings.ts). */
  cacheMb?: number
}

/** Opens `sqlite:<path>` (created with its folder when missing, WAL) or `postgres://…`. */
export function connect(url: string, options: ConnectOptions = {}): Db {
  if (url.startsWith('sqlite:')) return connectSqlite(url.slice('sqlite:'.length), options)
  if (/^postgres(ql)?:\/\//.test(url)) return connectPostgres(url)
  throw new Error(`Unsupported DATABASE_URL: ${url.split(':')[0]}`)
}

function connectSqlite(path: string, options: ConnectOptions): Db {
  if (path !== ':memory:' && !options.readOnly) makeFolders(dirname(path))
  const database = new SQLite(path, { readonly: options.readOnly === true })
  if (!options.readOnly) {
    database.pragma('journal_mode = WAL')
    // NORMAL is durable across application crashes in WAL mode; only an OS crash can lose the
    // last transactions, which is the usual trade for a single-file web app.
    database.pragma('synchronous = NORMAL')
    database.pragma('foreign_keys = ON')
  }
  database.pragma('busy_timeout = 5000')
  // A 32 MB page cache (the default is 2 MB) keeps a catalog's hot indexes in memory and lets a
  // bulk import write a batch without spilling pages.
  database.pragma(`cache_size = -${Math.round((options.cacheMb ?? 32) * 1024)}`)
  // Checkpoint the WAL every ~40 MB instead of every 4 MB: an import pays for far fewer
  // checkpoints (each one syncs the database file); readers are unaffected. With background
  // checkpoints, the fallback should that thread fall behind.
  if (!options.readOnly) database.pragma('wal_autocheckpoint = 10000')
  const cached = withStatementCache(database)
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: cached }) })
  sqliteHandles.set(kysely.getExecutor().adapter, {
    database,
    prepare: (sql) => cached.prepare(sql) as SQLite.Statement,
  })
  const checkpoints = options.backgroundCheckpoints && path !== ':memory:' ? checkpointInBackground(path) : null
  return {
    kysely,
    dialect: 'sqlite',
    close: async () => {
      await checkpoints?.stop()
      await kysely.destroy()
    },
  }
}

/**
 * Creates `dir` and its missing parents one at a time. Node 20's recursive mkdir never returns for
 * a folder under /proc, where mkdir fails with ENOENT although the parent exists.
 */
function makeFolders(dir: string): void {
  if (existsSync(dir)) return
  makeFolders(dirname(dir))
  try {
    mkdirSync(dir)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code !== 'EEXIST') throw new Error(`cannot create the folder ${dir} (${code})`)
  }
}

/** A SQLite database's own connection, with the statement cache Kysely's driver uses. */
export interface SqliteHandle {
  database: SQLite.Database
  prepare(sql: string): SQLite.Statement
}

// By adapter: a Kysely instance and its transactions share one, and every SQLite database opened
// here has its own.
const sqliteHandles = new WeakMap<object, SqliteHandle>()

/**
 * The better-sqlite3 connection under `kysely` (a database from `connect`, or a transaction of
 * one); undefined on PostgreSQL. For prepared.ts alone, which runs the busiest statements on it
 * directly; everything else goes through Kysely.
 */
export function sqliteHandle(kysely: Kysely<Database>): SqliteHandle | undefined {
  return sqliteHandles.get(kysely.getExecutor().adapter)
}

// Kysely prepares every query anew; better-sqlite3 does not cache, and preparing costs as much as
// running a small query. Pages and batch writes repeat the same SQL, so keep recent statements.
const STATEMENT_CACHE_SIZE = 256

function withStatementCache(database: SQLite.Database): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>()
  return {
    close: () => database.close(),
    prepare(sql: string) {
      let statement = cache.get(sql)
      if (!statement) {
        statement = database.prepare(sql)
        cache.set(sql, statement)
        if (cache.size > STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!)
      }
      return statement
    },
  }
}

function connectPostgres(url: string): Db {
  const types = {
    getTypeParser(oid: number, format?: 'text' | 'binary') {
      if (oid === PG_TIMESTAMPTZ || oid === PG_TIMESTAMP) return parsePgTimestamp
      if (oid === PG_DATE) return (v: string) => v
      // COUNT(*) and SUM() come back as int8; our counts fit in a double.
      if (oid === PG_INT8) return (v: string) => Number(v)
      return pg.types.getTypeParser(oid, format)
    },
  }
  // Sessions run in UTC so timestamps come back as `YYYY-MM-DD HH:MM:SS[.fff]+00`.
  const pool = new pg.Pool({
    connectionString: url,
    types,
    max: 10,
    options: '-c TimeZone=UTC',
    connectionTimeoutMillis: PG_CONNECT_TIMEOUT_MS,
  })
  // An idle connection that the server closes (a restart, a failover, an administrator) is an
  // 'error' event on the pool; unheard, it would crash the process. The pool drops that client and
  // opens a new one for the next query, so there is nothing else to do.
  pool.on('error', () => {})
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  return { kysely, dialect: 'postgres', pool, close: () => kysely.destroy() }
}

function parsePgTimestamp(v: string): string {
  return new Date(v.replace(' ', 'T').replace(/\+00$/, 'Z')).toISOString()
}

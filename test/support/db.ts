import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, inject } from 'vitest'
import { migrateToLatest } from '../../src/migrations.js'
import { connect, type Db, type Dialect } from '../../src/platform/db/connect.js'
import { POSTGRES_ADMIN_URL } from './env.js'

/** TEST_DATABASE=sqlite|postgres|sqlite,postgres (default: both). */
export const DIALECTS = (process.env.TEST_DATABASE ?? 'sqlite,postgres').split(',') as Dialect[]

export interface TestDb extends Db {
  /** Where it is, for another connection (a child process) to open it. */
  url: string
  /** Closes the connection and deletes the database. */
  drop(): Promise<void>
}

/** A fresh, migrated database of its own: a temp SQLite file or a new PostgreSQL database. */
export async function createTestDb(dialect: Dialect): Promise<TestDb> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'paperboy-test-'))
    const url = `sqlite:${join(dir, 'test.db')}`
    const db = connect(url)
    await migrateToLatest(db)
    return {
      ...db,
      url,
      drop: async () => {
        await db.close()
        rmSync(dir, { recursive: true, force: true })
      },
    }
  }
  const name = `paperboy_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`
  await admin(`CREATE DATABASE ${name}`)
  const url = new URL(POSTGRES_ADMIN_URL)
  url.pathname = `/${name}`
  const db = connect(url.toString())
  await migrateToLatest(db)
  return {
    ...db,
    url: url.toString(),
    drop: async () => {
      await db.close()
      await dropDatabase(name)
    },
  }
}

/**
 * Drops a test database once its connections have closed. A pool's sockets may still be closing
 * when `close()` resolves; forcing the drop then would kill them mid-close, which surfaces as
 * stray errors in whichever test runs next. So wait for them, and force only as a last resort.
 */
async function dropDatabase(name: string): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      await admin(`DROP DATABASE IF EXISTS ${name}`)
      return
    } catch (error) {
      if ((error as { code?: string }).code !== '55006') throw error // 55006: still in use
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
}

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL })
  await client.connect()
  try {
    await client.query(statement)
  } finally {
    await client.end()
  }
}

/**
 * Runs a suite once per database, each on a fresh database, as Kysely's own suite loops over its
 * dialects. PostgreSQL suites skip only outside CI when no server is reachable (global-setup
 * fails the run in CI instead).
 */
export function describeEachDatabase(name: string, suite: (db: () => TestDb, dialect: Dialect) => void): void {
  for (const dialect of DIALECTS) {
    const run = dialect === 'postgres' && !inject('postgresAvailable') ? describe.skip : describe
    run(`${name} [${dialect}]`, () => {
      let db: TestDb | undefined
      beforeAll(async () => {
        db = await createTestDb(dialect)
      })
      afterAll(async () => {
        await db?.drop()
      })
      suite(() => db!, dialect)
    })
  }
}

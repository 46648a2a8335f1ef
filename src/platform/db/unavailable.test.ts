import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import SQLite from 'better-sqlite3'
import pg from 'pg'
import { afterAll, describe, expect, inject, it } from 'vitest'
import { POSTGRES_ADMIN_URL } from '../../../test/support/env.js'
import { isDatabaseUnavailable } from './unavailable.js'

/** The error a promise rejects with, or a thrown one: real errors from the real drivers. */
async function errorOf(work: () => unknown): Promise<unknown> {
  try {
    await work()
  } catch (error) {
    return error
  }
  throw new Error('expected an error')
}

describe('telling an unavailable database from a wrong query, on SQLite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'paperboy-unavailable-'))
  const file = join(dir, 'test.db')
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('counts a closed database as unavailable', async () => {
    const db = new SQLite(file)
    db.close()
    expect(isDatabaseUnavailable(await errorOf(() => db.prepare('select 1').get()))).toBe(true)
  })

  it('counts “database is locked” as unavailable', async () => {
    const holder = new SQLite(file)
    holder.exec('create table if not exists t (x)')
    holder.exec('begin immediate')
    const other = new SQLite(file, { timeout: 0 })
    try {
      const error = await errorOf(() => other.exec('insert into t values (1)'))
      expect((error as { code: string }).code).toBe('SQLITE_BUSY')
      expect(isDatabaseUnavailable(error)).toBe(true)
    } finally {
      holder.exec('rollback')
      holder.close()
      other.close()
    }
  })

  it('counts a syntax error or a broken constraint as a bug, not an outage', async () => {
    const db = new SQLite(':memory:')
    db.exec('create table t (x primary key)')
    db.exec('insert into t values (1)')
    expect(isDatabaseUnavailable(await errorOf(() => db.exec('selec 1')))).toBe(false)
    expect(isDatabaseUnavailable(await errorOf(() => db.exec('insert into t values (1)')))).toBe(false)
    db.close()
  })
})

describe('telling an unavailable database from a wrong query, on PostgreSQL', () => {
  const run = inject('postgresAvailable') ? it : it.skip

  it('counts a refused connection as unavailable', async () => {
    const client = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:9/paperboy' })
    const error = await errorOf(() => client.connect())
    expect(isDatabaseUnavailable(error)).toBe(true)
  })

  run('counts a connection the server ends (57P01, as in a restart) as unavailable', async () => {
    const victim = new pg.Client({ connectionString: POSTGRES_ADMIN_URL })
    await victim.connect()
    victim.on('error', () => {})
    const { rows } = await victim.query<{ pid: number }>('select pg_backend_pid() as pid')
    const pending = errorOf(() => victim.query('select pg_sleep(30)'))
    const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL })
    await admin.connect()
    await new Promise((resolve) => setTimeout(resolve, 200))
    await admin.query('select pg_terminate_backend($1)', [rows[0]!.pid])
    await admin.end()
    const error = await pending
    expect((error as { code?: string }).code).toBe('57P01')
    expect(isDatabaseUnavailable(error)).toBe(true)
    // The same client, now dead, fails at once with the driver's own words.
    expect(isDatabaseUnavailable(await errorOf(() => victim.query('select 1')))).toBe(true)
  })

  run('counts a syntax error or a NUL byte in text as a bug, not an outage', async () => {
    const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL })
    await client.connect()
    try {
      expect(isDatabaseUnavailable(await errorOf(() => client.query('selec 1')))).toBe(false)
      expect(isDatabaseUnavailable(await errorOf(() => client.query('select $1::text', ['a\u0000b'])))).toBe(false)
    } finally {
      await client.end()
    }
  })
})

import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, describe, expect, it } from 'vitest'
import { connect } from './connect.js'

describe('a SQLite connection', () => {
  const dir = mkdtempSync(join(tmpdir(), 'paperboy-connect-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  const cacheKib = async (db: ReturnType<typeof connect>) =>
    -(await sql<{ cache_size: number }>`pragma cache_size`.execute(db.kysely)).rows[0]!.cache_size

  it('keeps a 32 MB page cache, or the size it is opened with, read-only too', async () => {
    const path = join(dir, 'catalog.db')
    const writer = connect(`sqlite:${path}`)
    const reader = connect(`sqlite:${path}`, { readOnly: true, cacheMb: 96 })
    try {
      expect(await cacheKib(writer)).toBe(32 * 1024)
      expect(await cacheKib(reader)).toBe(96 * 1024)
    } finally {
      await reader.close()
      await writer.close()
    }
  })
})

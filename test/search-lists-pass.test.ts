import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readListings } from '../bench/relevance/listings.js'
import { upsertPapers } from '../src/papers/upsert.js'
import { createSqliteEngine } from '../src/search/engines/sqlite.js'
import { makeList } from '../src/search/engines/sqlite-lists.js'
import { createTestDb, type TestDb } from './support/db.js'

/**
 * After a rebuild, SQLite's common words get their candidate lists from one pass over the papers'
 * tokens (src/search/engines/sqlite-lists-pass.ts) rather than from FTS5 ranking each word: every
 * list must be the one FTS5 ranks, the same papers in the same order with the same bm25 impacts to
 * the bit, since a search of one common word is answered from its list alone. Over real arXiv
 * text (TeX, accents, compounds, long author lists), in a thread and in the server's own.
 */
const LIST_SIZE = 300
const WORDS_A_PASS = 400

describe('the common words’ lists of a rebuild [sqlite]', () => {
  let db: TestDb
  beforeAll(async () => {
    db = await createTestDb('sqlite')
    // Every eighth real paper: 7,500, more than a list holds of the commonest words.
    const papers = (await readListings()).filter((_, i) => i % 8 === 0)
    await upsertPapers(db, papers)
  }, 120_000)
  afterAll(() => db?.drop())

  const ways = [
    { how: 'in threads', listThreads: 2 },
    { how: 'in this thread', listThreads: 0 },
    // 400 words a pass: the papers are read several times, each for other words.
    { how: 'in threads, a share of the words a pass', listThreads: 2, listPassBytes: WORDS_A_PASS * LIST_SIZE * 12 },
  ]
  for (const { how, ...settings } of ways) {
    it(`are FTS5's own ranking of each word, made ${how}`, async () => {
      const progress: number[][] = []
      await createSqliteEngine(db, { cheapCost: 150, listSize: LIST_SIZE, ...settings }).rebuild(
        (done, total, unit) => unit && progress.push([done, total]),
      )
      const [done, total] = progress.at(-1)!
      expect(done).toBe(total)
      const papers = (
        await db.kysely
          .selectFrom('papers')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n
      const stored = await listsOf(db)
      expect(stored.length).toBeGreaterThan(300)
      // Each pass reads every paper once.
      const passes = settings.listPassBytes ? Math.ceil(stored.length / WORDS_A_PASS) : 1
      expect(passes).toBeGreaterThan(settings.listPassBytes ? 2 : 0)
      expect(total).toBe(passes * papers)
      expect(stored.some((l) => l.complete === 0)).toBe(true)
      expect(stored.some((l) => l.complete === 1)).toBe(true)
      for (const row of stored) {
        const ranked = await makeList(db, row.key, LIST_SIZE)
        expect({ key: row.key, ...decoded(row) }).toEqual({
          key: row.key,
          rowids: [...ranked.rowids],
          impacts: [...ranked.impacts],
          complete: ranked.complete,
          maxRowid: ranked.maxRowid,
        })
      }
    }, 120_000)
  }
})

interface ListRow {
  key: string
  max_rowid: number
  complete: number
  rowids: Uint8Array
  impacts: Uint8Array
}

export async function listsOf(db: TestDb): Promise<ListRow[]> {
  return (await db.kysely
    .selectFrom('search_lists' as never)
    .selectAll()
    .orderBy('key' as never)
    .execute()) as ListRow[]
}

function decoded(row: ListRow) {
  const bytes = Uint8Array.from(row.rowids)
  const impacts = Uint8Array.from(row.impacts)
  return {
    rowids: [...new Int32Array(bytes.buffer)],
    impacts: [...new Float64Array(impacts.buffer)],
    complete: row.complete === 1,
    maxRowid: row.max_rowid,
  }
}
